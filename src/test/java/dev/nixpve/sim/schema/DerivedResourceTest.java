package dev.nixpve.sim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The resource matches what scripts/derive-pve-schema is meant to produce. The reference schemas are
 * not read here (they live outside the repository); the endpoint list below mirrors the script's.
 */
class DerivedResourceTest {

    static final List<String> ENDPOINTS = List.of(
            "POST /access/ticket", "GET /version", "GET /cluster/nextid", "GET /cluster/resources", "GET /nodes",
            "GET /nodes/{node}/storage", "GET /nodes/{node}/storage/{storage}/status",
            "GET /nodes/{node}/storage/{storage}/content", "POST /nodes/{node}/storage/{storage}/upload",
            "POST /nodes/{node}/storage/{storage}/download-url", "GET /nodes/{node}/storage/{storage}/content/{volume}",
            "DELETE /nodes/{node}/storage/{storage}/content/{volume}", "GET /nodes/{node}/qemu", "POST /nodes/{node}/qemu",
            "GET /nodes/{node}/qemu/{vmid}/config", "POST /nodes/{node}/qemu/{vmid}/config",
            "PUT /nodes/{node}/qemu/{vmid}/config", "GET /nodes/{node}/qemu/{vmid}/pending",
            "GET /nodes/{node}/qemu/{vmid}/status/current", "POST /nodes/{node}/qemu/{vmid}/status/start",
            "POST /nodes/{node}/qemu/{vmid}/status/stop", "POST /nodes/{node}/qemu/{vmid}/status/shutdown",
            "POST /nodes/{node}/qemu/{vmid}/template", "POST /nodes/{node}/qemu/{vmid}/clone",
            "DELETE /nodes/{node}/qemu/{vmid}", "POST /nodes/{node}/qemu/{vmid}/agent/ping",
            "GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces", "POST /nodes/{node}/qemu/{vmid}/agent",
            "GET /nodes/{node}/tasks", "GET /nodes/{node}/tasks/{upid}/status", "GET /nodes/{node}/tasks/{upid}/log",
            "DELETE /nodes/{node}/tasks/{upid}", "POST /nodes/{node}/qemu/{vmid}/termproxy",
            "POST /nodes/{node}/qemu/{vmid}/vncproxy", "GET /nodes/{node}/qemu/{vmid}/vncwebsocket",
            "PUT /nodes/{node}/qemu/{vmid}/resize",
            // beyond pve-api-subset.json
            "GET /access/permissions", "GET /nodes/{node}/qemu/{vmid}/agent/file-read",
            "POST /nodes/{node}/qemu/{vmid}/agent/file-write", "GET /nodes/{node}/qemu/{vmid}/agent/get-osinfo",
            "POST /nodes/{node}/qemu/{vmid}/status/reboot", "PUT /nodes/{node}/qemu/{vmid}/cloudinit",
            "GET /nodes/{node}/status", "GET /cluster/status", "GET /storage", "GET /storage/{storage}",
            "GET /nodes/{node}/network", "GET /cluster/sdn/vnets", "GET /cluster/sdn/vnets/{vnet}");

    private static final Path SCRIPT = Path.of("scripts/derive-pve-schema");
    private static final Path RESOURCE = Path.of("src/main/resources" + SchemaResource.RESOURCE);

    /** The areas a read-only client walks (the script's GET_AREAS): every GET under them is derived. */
    static final String GET_AREAS = "GET (/version|/cluster(/.*)?|/nodes|/nodes/\\{node\\}"
            + "|/nodes/\\{node\\}/(status|network|storage|tasks|qemu|lxc)(/.*)?|/storage(/.*)?|/pools(/.*)?"
            + "|/access(/.*)?)";

    @Test
    void everyListedEndpointExistsInBothVersions() {
        assertEquals(49, new TreeSet<>(ENDPOINTS).size());
        for (PveVersion version : PveVersion.values()) {
            Set<String> keys = ApiSchema.of(version).endpointKeys();
            assertTrue(keys.containsAll(ENDPOINTS), version.label());
            Set<String> beyond = new TreeSet<>(keys);
            ENDPOINTS.forEach(beyond::remove);
            beyond.removeIf(key -> key.matches(GET_AREAS));
            assertEquals(Set.of(), beyond, version.label() + ": endpoints neither listed nor in a GET area");
        }
        assertTrue(ApiSchema.of(PveVersion.V9_1).endpointKeys().size() > 240);
    }

    @Test
    void directoryIndexesListTheSchemasChildren() {
        ApiSchema.Directory cluster = ApiSchema.of(PveVersion.V9_1).directories().get("/cluster");
        assertEquals("name", cluster.key());
        assertTrue(cluster.entries().containsAll(List.of("replication", "resources", "tasks", "nextid")));
        assertEquals("subdir", ApiSchema.of(PveVersion.V9_1).directories().get("/nodes/{node}/qemu/{vmid}").key());
    }

    @Test
    void sourcesAreNamedInTheResourceAndTheScript() throws IOException {
        JsonNode versions = SchemaResource.tree().path("versions");
        assertEquals("scripts/derive-pve-schema", SchemaResource.tree().path("generator").asText());
        assertEquals("a8736b6d6169ea9679ee02285ea36fdab42e85c3", versions.path("9.1").path("source").path("commit").asText());
        assertEquals("46601a32456cd5fd98f0433912dbd811984866f2", versions.path("8.4").path("source").path("commit").asText());
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        assertTrue(script.startsWith("#!/usr/bin/env python3\n"));
        assertTrue(script.contains("a8736b6d6169ea9679ee02285ea36fdab42e85c3"));
        assertTrue(script.contains("46601a32456cd5fd98f0433912dbd811984866f2"));
        assertTrue(Files.isExecutable(SCRIPT), "scripts/derive-pve-schema must be executable");
        for (String endpoint : ENDPOINTS.subList(36, ENDPOINTS.size())) {
            int space = endpoint.indexOf(' ');
            String entry = "(\"" + endpoint.substring(0, space) + "\", \"" + endpoint.substring(space + 1) + "\")";
            assertTrue(script.contains(entry), "script lacks " + entry);
        }
    }

    @Test
    void onlyFactsNoProse() throws IOException {
        String text = Files.readString(RESOURCE, StandardCharsets.UTF_8);
        assertTrue(text.length() < 1_000_000, "resource grew to " + text.length() + " bytes");
        // a parameter may be called "description"; prose would be a string value
        for (String prose : List.of("description", "verbose_description", "format_description", "typetext")) {
            assertTrue(!text.contains("\"" + prose + "\":\""), "resource carries " + prose);
        }
        List<String> keys = new ArrayList<>();
        SchemaResource.tree().path("versions").path("9.1").path("endpoints").properties().forEach(e -> keys.add(e.getKey()));
        assertEquals(new ArrayList<>(new TreeSet<>(keys)), keys, "endpoints are written sorted");
    }

    @Test
    void indexRangesAreRecordedAsFacts() {
        JsonNode max = SchemaResource.tree().path("versions").path("9.1").path("index_max");
        Set<String> families = new TreeSet<>();
        max.properties().forEach(e -> families.add(e.getKey() + "=" + e.getValue().asInt()));
        assertEquals(new TreeSet<>(List.of("hostpci=15", "ide=3", "ipconfig=31", "net=31", "numa=7", "parallel=2",
                "sata=5", "scsi=30", "serial=3", "unused=255", "usb=13", "virtio=15", "virtiofs=9")), families);
    }
}

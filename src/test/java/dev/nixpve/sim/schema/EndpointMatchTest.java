package dev.nixpve.sim.schema;

import static dev.nixpve.sim.schema.Calls.PVE84;
import static dev.nixpve.sim.schema.Calls.PVE91;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointMatchTest {

    private static EndpointMatch match(String method, String path) {
        return PVE91.match(method, path).orElseThrow(() -> new AssertionError("no match: " + method + " " + path));
    }

    @Test
    void concretePathToTemplateAndVariables() {
        EndpointMatch config = match("GET", "/nodes/pve1/qemu/9100/config");
        assertEquals("/nodes/{node}/qemu/{vmid}/config", config.endpoint().path());
        assertEquals(Map.of("node", "pve1", "vmid", "9100"), config.pathVariables());
        assertEquals("PUT /nodes/{node}/qemu/{vmid}/config", match("PUT", "/nodes/pve1/qemu/9100/config").endpoint().key());
    }

    @Test
    void apiPrefixAndEmptySegmentsAreIgnored() {
        assertEquals("/nodes/{node}/qemu", match("POST", "/api2/json/nodes/pve1/qemu/").endpoint().path());
        assertEquals("/version", match("GET", "//version").endpoint().path());
    }

    @Test
    void literalSegmentsWinOverVariables() {
        assertEquals("/nodes/{node}/qemu/{vmid}/agent/ping", match("POST", "/nodes/n/qemu/100/agent/ping").endpoint().path());
        assertEquals("/nodes/{node}/qemu/{vmid}/agent", match("POST", "/nodes/n/qemu/100/agent").endpoint().path());
        assertEquals("/nodes/{node}/qemu/{vmid}", match("DELETE", "/nodes/n/qemu/100").endpoint().path());
    }

    @Test
    void volumeTakesTheRestOfThePath() {
        EndpointMatch volume = match("DELETE", "/nodes/pve1/storage/local/content/local:iso/debian-12.iso");
        assertEquals(Map.of("node", "pve1", "storage", "local", "volume", "local:iso/debian-12.iso"), volume.pathVariables());
    }

    @Test
    void upidIsOneSegment() {
        String upid = "UPID:pve1:0000A1B2:0012C3D4:65A0B1C2:qmcreate:100:root@pam:";
        assertEquals(Map.of("node", "pve1", "upid", upid), match("GET", "/nodes/pve1/tasks/" + upid + "/status").pathVariables());
    }

    @Test
    void unknownPathsAndMethodsDoNotMatch() {
        assertTrue(PVE91.match("GET", "/nodes/pve1/ceph").isEmpty()); // outside the derived GET areas
        assertTrue(PVE91.match("PATCH", "/version").isEmpty());
        assertTrue(PVE91.match("GET", "/nodes/pve1/qemu/100/resize").isEmpty());
    }

    @Test
    void callFactsComeWithTheEndpoint() {
        EndpointSchema ticket = match("POST", "/access/ticket").endpoint();
        assertFalse(ticket.allowToken());
        assertTrue(ticket.protectedCall());
        assertEquals("world", ticket.permissions().orElseThrow().path("user").asText());
        EndpointSchema config = match("POST", "/nodes/pve1/qemu/100/config").endpoint();
        assertTrue(config.allowToken());
        assertEquals("node", config.proxyTo().orElseThrow());
        assertFalse(config.additionalProperties());
        assertTrue(match("POST", "/nodes/pve1/storage/local/upload").endpoint().proxyTo().isEmpty());
    }

    @Test
    void agentPermissionsDifferBetweenVersions() {
        String path = "/nodes/pve1/qemu/100/agent/ping";
        assertEquals("[\"perm\",\"/vms/{vmid}\",[\"VM.Monitor\"]]",
                PVE84.match("POST", path).orElseThrow().endpoint().permissions().orElseThrow().path("check").toString());
        assertEquals("[\"perm\",\"/vms/{vmid}\",[\"VM.GuestAgent.Audit\",\"VM.GuestAgent.Unrestricted\"],\"any\",1]",
                PVE91.match("POST", path).orElseThrow().endpoint().permissions().orElseThrow().path("check").toString());
    }
}

package dev.nixpve.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.event.EventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML and INI inventories mean the same thing to Ansible, and what they mean is the cluster. */
class InventoryWritersTest {

    static InventorySimulation cluster;
    static Inventory inventory;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        cluster = new InventorySimulation();
        inventory = new InventoryBuilder(cluster.client, EventSink.discard()).build();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void ansibleReadsTheClusterFromYamlAndIniAlike() throws Exception {
        Path yaml = dir.resolve("inventory.yaml");
        Path ini = dir.resolve("inventory.ini");
        InventoryFormat.YAML.write(yaml, inventory);
        InventoryFormat.INI.write(ini, inventory);

        JsonNode fromYaml = AnsibleInventory.list(yaml, "yaml", dir);
        JsonNode fromIni = AnsibleInventory.list(ini, "ini", dir);

        assertEquals(normalized(fromYaml), normalized(fromIni), "YAML:\n" + Files.readString(yaml) + "\nINI:\n"
                + Files.readString(ini));
        JsonNode hostvars = fromYaml.path("_meta").path("hostvars");
        assertEquals(Set.of("k8s-cp-1", "k8s-worker-1", "k8s-worker-2", "k8s-worker-3", "db-9205", "db-9206"),
                names(hostvars.fieldNames()));
        assertEquals(new ObjectMapper().readTree("{\"ansible_host\":\"192.168.77.21\",\"proxmox_vmid\":9201,"
                + "\"proxmox_node\":\"pve1\",\"proxmox_tags\":\"build-0123456789ab;control-plane;nixpve\","
                + "\"node_role\":\"control-plane\"}"), hostvars.path("k8s-cp-1"));
        assertEquals(new ObjectMapper().readTree("{\"proxmox_vmid\":9204,\"proxmox_node\":\"pve2\","
                + "\"proxmox_tags\":\"nixpve;worker\",\"node_role\":\"worker\"}"),
                hostvars.path("k8s-worker-3"));
        assertEquals(Set.of("control_plane", "workers"), names(fromYaml.path("k8s_cluster").path("children")));
        assertEquals(Set.of("k8s-cp-1"), names(fromYaml.path("control_plane").path("hosts")));
        assertEquals(Set.of("k8s-worker-1", "k8s-worker-2", "k8s-worker-3"), names(fromYaml.path("workers").path("hosts")));
        assertEquals(Set.of("k8s-cp-1", "k8s-worker-1", "db-9205"), names(fromYaml.path("nixpve_pve1").path("hosts")));
        assertEquals(Set.of("k8s-worker-2", "k8s-worker-3", "db-9206"),
                names(fromYaml.path("nixpve_pve2").path("hosts")));
        assertEquals(Set.of("k8s-cp-1", "k8s-worker-2"), names(fromYaml.path("build_0123456789ab").path("hosts")));
        assertTrue(!fromYaml.toString().contains("nixos-base") && !fromYaml.toString().contains("9100"),
                "templates are never hosts: " + fromYaml);
    }

    @Test
    void emptyRoleGroupsLooseHostsAndOddValuesSurviveBothFormats() throws Exception {
        Inventory odd = new Inventory(List.of(
                new InventoryHost("loner", 300, "pve1", Optional.of("10.9.8.7"), Optional.empty(), "nixpve"),
                new InventoryHost("123", 301, "pve1", Optional.empty(), Optional.of("worker"), "nixpve;worker")),
                List.of(new InventoryGroup("k8s_cluster", List.of(), List.of("control_plane", "workers")),
                        new InventoryGroup("control_plane", List.of(), List.of()),
                        new InventoryGroup("workers", List.of("123"), List.of())));
        Path yaml = dir.resolve("odd.yml");
        Path ini = dir.resolve("odd.ini");
        InventoryFormat.YAML.write(yaml, odd);
        InventoryFormat.INI.write(ini, odd);

        JsonNode fromYaml = AnsibleInventory.list(yaml, "yaml", dir);
        JsonNode fromIni = AnsibleInventory.list(ini, "ini", dir);

        assertEquals(normalized(fromYaml), normalized(fromIni), Files.readString(yaml) + "\n" + Files.readString(ini));
        assertEquals(Set.of("loner"), names(fromYaml.path("ungrouped").path("hosts")));
        assertEquals("10.9.8.7", fromYaml.path("_meta").path("hostvars").path("loner").path("ansible_host").asText());
        assertEquals(Set.of("123"), names(fromYaml.path("workers").path("hosts")), "a numeric name stays a name");
        assertEquals(Set.of("control_plane", "workers"), names(fromYaml.path("k8s_cluster").path("children")),
                "an empty role group still exists");
    }

    /** Item 27: what the INI plugin would read as a number, a boolean or a cut-off word stays the string it was. */
    @Test
    void iniValuesStayStrings() throws Exception {
        List<String> odd = List.of("123", "'123'", "True", "None", "0x1f", "1e5", "it's", "a \\ b", "x#y", "[1, 2]",
                "{\"a\": 1}", "caf\u00e9", "10.0.0.1", "fe80::1", "a;b");
        List<InventoryHost> hosts = new ArrayList<>();
        for (int i = 0; i < odd.size(); i++) {
            hosts.add(new InventoryHost("h" + i, 400 + i, "pve1", Optional.empty(), Optional.empty(), odd.get(i)));
        }
        Inventory inventory = new Inventory(hosts, List.of(new InventoryGroup("nixpve_pve1",
                hosts.stream().map(InventoryHost::name).toList(), List.of())));
        Path ini = dir.resolve("values.ini");
        InventoryFormat.INI.write(ini, inventory);
        JsonNode hostvars = AnsibleInventory.list(ini, "ini", dir).path("_meta").path("hostvars");
        for (int i = 0; i < odd.size(); i++) {
            JsonNode tags = hostvars.path("h" + i).path("proxmox_tags");
            assertTrue(tags.isTextual(), odd.get(i) + " became " + tags + " in\n" + Files.readString(ini));
            assertEquals(odd.get(i), tags.asText(), Files.readString(ini));
            assertEquals(400 + i, hostvars.path("h" + i).path("proxmox_vmid").asInt(), "numbers stay numbers");
            assertTrue(hostvars.path("h" + i).path("proxmox_vmid").isInt());
        }
    }

    @Test
    void theFilesReadTheWayAPersonWouldWriteThem() {
        String yaml = InventoryFormat.YAML.render(inventory);
        assertTrue(yaml.contains("""
                all:
                  children:
                    k8s_cluster:
                      children:
                        control_plane:
                          hosts:
                            k8s-cp-1:
                              ansible_host: 192.168.77.21
                              proxmox_vmid: 9201
                              proxmox_node: pve1
                              proxmox_tags: build-0123456789ab;control-plane;nixpve
                              node_role: control-plane
                """), yaml);
        assertTrue(yaml.contains("""
                    nixpve_pve1:
                      hosts:
                        k8s-cp-1: {}
                """), yaml);
        String ini = InventoryFormat.INI.render(inventory);
        assertTrue(ini.contains("""
                [k8s_cluster:children]
                control_plane
                workers

                [control_plane]
                k8s-cp-1 ansible_host=192.168.77.21 proxmox_vmid=9201 proxmox_node=pve1 proxmox_tags='"build-0123456789ab;control-plane;nixpve"' node_role=control-plane
                """), ini);
        assertTrue(ini.contains("\n[nixpve_pve2]\nk8s-worker-2\nk8s-worker-3\n"
                + "db-9206 ansible_host=192.168.77.26 proxmox_vmid=9206 proxmox_node=pve2 proxmox_tags=nixpve\n"), ini);
    }

    @Test
    void writingReplacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("out/inventory.ini");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");
        InventoryFormat.INI.write(file, inventory);
        assertEquals(InventoryFormat.INI.render(inventory), Files.readString(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    /** --list JSON with every array sorted: the plugins may list children in different orders. */
    private static JsonNode normalized(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(normalized(item)));
            items.sort(java.util.Comparator.comparing(JsonNode::toString));
            return new ObjectMapper().valueToTree(items);
        }
        if (node.isObject()) {
            var copy = new ObjectMapper().createObjectNode();
            new TreeSet<String>(names(node.fieldNames())).forEach(name -> copy.set(name, normalized(node.get(name))));
            return copy;
        }
        return node;
    }

    private static Set<String> names(java.util.Iterator<String> names) {
        Set<String> set = new TreeSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    private static Set<String> names(JsonNode arrayOrObject) {
        Set<String> set = new TreeSet<>();
        if (arrayOrObject.isArray()) {
            arrayOrObject.forEach(item -> set.add(item.asText()));
        } else {
            arrayOrObject.fieldNames().forEachRemaining(set::add);
        }
        return set;
    }
}

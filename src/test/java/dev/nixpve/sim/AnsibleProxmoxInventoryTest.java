package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.emit.AnsibleInventory;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.sim.state.SimLan;
import dev.nixpve.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's Proxmox dynamic inventory (community.general.proxmox, as Debian's ansible 7.7 ships
 * it) loads against the simulator with an API token and certificate checks off: it lists the VMs
 * with their facts, tags and guest-agent addresses, groups them by node, type and power state,
 * and finds each node's address on vmbr0.
 */
class AnsibleProxmoxInventoryTest {

    static final Path PLUGIN = Path.of("/usr/lib/python3/dist-packages/ansible_collections/community/general/"
            + "plugins/inventory/proxmox.py");

    @TempDir
    Path dir;

    SimHarness sim = new SimHarness();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void theInventoryListsTheVmsWithTagsGroupsAndAgentAddresses() throws Exception {
        if (!Files.isRegularFile(PLUGIN)) {
            ExternalTools.unavailable("Ansible's community.general collection is not installed (Debian package"
                    + " ansible; .ci/run installs it)");
        }
        installedSystem(100, "web1", "web;prod");
        sim.await(sim.client.createVm("pve2", 101, PveParams.of().put("name", "db1").put("tags", "db")));

        JsonNode inventory = AnsibleInventory.list(inventoryFile(), "community.general.proxmox", dir);

        JsonNode web = inventory.path("_meta").path("hostvars").path("web1");
        assertEquals("running", web.path("proxmox_status").asText(), web.toString());
        assertEquals(List.of("prod", "web"), texts(web.path("proxmox_tags_parsed"))); // PVE sorts tags
        assertEquals("pve1", web.path("proxmox_node").asText());
        JsonNode ens18 = entry(web.path("proxmox_agent_interfaces"), "ens18");
        String mac = ens18.path("mac-address").asText();
        assertEquals(List.of(SimLan.dhcpAddress(100) + "/24", SimLan.linkLocal(mac) + "/64"),
                texts(ens18.path("ip-addresses")));
        assertEquals("stopped", inventory.path("_meta").path("hostvars").path("db1").path("proxmox_status").asText());

        assertTrue(texts(inventory.path("proxmox_all_running").path("hosts")).contains("web1"), inventory.toString());
        assertTrue(texts(inventory.path("proxmox_all_stopped").path("hosts")).contains("db1"));
        assertTrue(texts(inventory.path("proxmox_pve1_qemu").path("hosts")).contains("web1"));
        assertTrue(texts(inventory.path("proxmox_pve2_qemu").path("hosts")).contains("db1"));
        assertTrue(texts(inventory.path("tag_prod").path("hosts")).contains("web1"), inventory.toString());
        assertTrue(texts(inventory.path("tag_db").path("hosts")).contains("db1"));
        assertEquals(SimLan.nodeAddress(0), inventory.path("_meta").path("hostvars").path("pve1")
                .path("ansible_host").asText());
        assertEquals(SimLan.nodeAddress(1), inventory.path("_meta").path("hostvars").path("pve2")
                .path("ansible_host").asText());
        assertFalse(inventory.path("_meta").path("hostvars").has("pve3"));
    }

    /** A VM that installed from a nixpve ISO and booted the installed system, whose agent reports its addresses. */
    private void installedSystem(int vmid, String name, String tags) {
        sim.uploadInstaller(dir, "installer.iso", "tok");
        sim.await(sim.client.createVm("pve1", vmid, PveParams.of().put("name", name).put("tags", tags)
                .put("scsi0", "local-lvm:8").put("net0", "virtio,bridge=vmbr0").put("agent", "1")
                .put("ide2", "local:iso/installer.iso,media=cdrom").put("boot", "order=scsi0;ide2")
                .put("smbios1", SimLifecycleTest.smbiosSerial("tok"))));
        sim.await(sim.client.startVm("pve1", vmid));
        sim.advance(Duration.ofSeconds(200)); // the install takes 100 s, then the installer powers off
        sim.await(sim.client.startVm("pve1", vmid));
        sim.advance(Duration.ofSeconds(30)); // the installed system's agent answers after its boot
    }

    private Path inventoryFile() throws Exception {
        String token = sim.token();
        String secret = token.substring(token.indexOf('=') + 1);
        Path file = dir.resolve("sim.proxmox.yml");
        Files.writeString(file, String.join("\n",
                "plugin: community.general.proxmox",
                "url: " + sim.simulator.endpoint().toString().replaceAll("/$", ""),
                "user: root@pam",
                "token_id: nixpve",
                "token_secret: " + secret,
                "validate_certs: false",
                "want_facts: true",
                "want_proxmox_nodes_ansible_host: true",
                "keyed_groups:",
                "  - key: proxmox_tags_parsed",
                "    prefix: tag",
                "    separator: _",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private static JsonNode entry(JsonNode array, String name) {
        for (JsonNode item : array) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + array);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}

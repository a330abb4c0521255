package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nixpve.emit.AnsibleInventory;
import dev.nixpve.emit.InventorySimulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nixpve inventory} against a simulated two-node cluster. */
class InventoryCommandTest {

    static InventorySimulation cluster;

    @TempDir
    Path workDir;

    @BeforeAll
    static void start() {
        cluster = new InventorySimulation();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void printsYamlOnStdoutAndWarnsOnStderr() throws Exception {
        CliRun run = CliRun.run(cluster.environment(), workDir, "inventory");

        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().startsWith("# Ansible inventory written by nixpve"), run.out());
        JsonNode yaml = new YAMLMapper().readTree(run.out());
        JsonNode controlPlane = yaml.at("/all/children/k8s_cluster/children/control_plane/hosts/k8s-cp-1");
        assertEquals("192.168.77.21", controlPlane.path("ansible_host").asText(), run.out());
        assertEquals(9201, controlPlane.path("proxmox_vmid").asInt());
        assertTrue(run.err().contains("warning: VM 9204 (k8s-worker-3) on pve2: its guest agent did not answer (No "
                + "QEMU guest agent configured); listed without ansible_host. Hint: start the VM and make sure "
                + "qemu-guest-agent runs in it (agent enabled in its options), or give it a static address "
                + "(ipconfig0 ip=ADDRESS/PREFIX).\n"), run.err());
        assertTrue(run.err().contains("warning: VM 9205 (db-9205) on pve1: it is stopped"), run.err());
        String secret = cluster.simulator.apiToken().substring(cluster.simulator.apiToken().indexOf('=') + 1);
        assertFalse(run.all().contains(secret), "the token secret leaked");
    }

    @Test
    void writesIniToAFileThatAnsibleReads() throws Exception {
        CliRun run = CliRun.run(cluster.environment(), workDir, "inventory", "--format", "ini", "--out",
                "inventory/hosts.ini");

        assertEquals(0, run.exitCode(), run.all());
        Path file = workDir.resolve("inventory/hosts.ini");
        assertEquals("Wrote 6 hosts to " + file + "\n", run.out());
        assertTrue(Files.readString(file).contains("\n[control_plane]\nk8s-cp-1 ansible_host=192.168.77.21 proxmox_vmid=9201 "
                + "proxmox_node=pve1 proxmox_tags='\"build-0123456789ab;control-plane;nixpve\"' node_role=control-plane\n"), Files.readString(file));
        JsonNode listed = AnsibleInventory.list(file, "ini", workDir);
        assertEquals("10.0.0.23", listed.at("/_meta/hostvars/k8s-worker-2/ansible_host").asText(), listed.toString());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.run(cluster.environment(), workDir, "inventory", "--format", "json");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.all());
        assertTrue(run.err().contains("'json' is not a format: use yaml or ini"), run.err());
    }

    @Test
    void withoutAnEndpointItSaysWhatToSet() {
        CliRun run = CliRun.run(Map.of(), workDir, "inventory");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.all());
        assertTrue(run.err().contains("Hint: set PROXMOX_VE_ENDPOINT"), run.err());
    }
}

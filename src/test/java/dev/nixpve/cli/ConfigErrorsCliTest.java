package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration problems end a command with exit 2 and one paragraph naming where and what. */
class ConfigErrorsCliTest {

    @TempDir
    Path dir;

    @Test
    void noEndpointNamesTheVariableToSet() {
        CliRun run = CliRun.run(Map.of(), dir, "pve", "check");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: proxmox.endpoint: no Proxmox VE endpoint is configured. Hint: set "
                + "PROXMOX_VE_ENDPOINT="), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one paragraph: " + run.err());
    }

    @Test
    void aMisspelledKeyNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), "proxmox:\n  insecure: false\n  fingerprnt: AB\n");
        CliRun run = CliRun.run(Map.of("PROXMOX_VE_ENDPOINT", "https://pve:8006/"), dir, "pve", "check");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(dir.resolve("nixpve.yaml") + ":3: proxmox.fingerprnt: unknown key. Hint: did you "
                + "mean 'fingerprint'?"), run.err());
        assertFalse(run.err().contains("at dev.nixpve"), "no stack trace without --verbose");
    }

    @Test
    void aNodeGivenTwiceNamesTheOption() {
        CliRun run = CliRun.run(Map.of(), dir, "pve", "check", "--node", "pve1", "--node", "pve2,pve1");
        assertEquals(2, run.exitCode());
        assertEquals("error: option --node: target.nodes: node 'pve1' is listed twice. Hint: list each node once.",
                run.err().strip());
    }

    @Test
    void nodeAndNodesInOneFileNameTheLinesAndWhichToKeep() throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  node: pve1\n  nodes: [pve1, pve2]\n");
        CliRun run = CliRun.run(Map.of("PROXMOX_VE_ENDPOINT", "https://pve:8006/"), dir, "pve", "check");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: " + dir.resolve("nixpve.yaml") + ":3: target.nodes: set together "
                + "with target.node (line 2)"), run.err());
        assertTrue(run.err().contains("Hint: keep target.nodes"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one paragraph: " + run.err());
    }
}

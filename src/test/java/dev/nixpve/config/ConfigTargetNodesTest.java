package dev.nixpve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target.nodes: building one image on several nodes. */
class ConfigTargetNodesTest {

    @TempDir
    Path dir;

    @Test
    void oneNodeIsTheConfigurationNixpveAlwaysHad() throws Exception {
        TargetSettings target = load("target:\n  node: pve2\n").target();

        assertEquals(NodeSelection.Named.of("pve2"), target.nodes());
        assertEquals("pve2", target.node());
    }

    @Test
    void nodesAreAListInAnyYamlFormOrOneLineWithCommas() throws Exception {
        NodeSelection expected = NodeSelection.Named.of("pve1", "pve2", "pve3");

        assertEquals(expected, load("target:\n  nodes:\n    - pve1\n    - pve2\n    - pve3\n").target().nodes());
        assertEquals(expected, load("target:\n  nodes: [pve1, pve2, pve3]\n").target().nodes());
        assertEquals(expected, load("target:\n  nodes: pve1, pve2,pve3\n").target().nodes());
        assertEquals("pve1", load("target:\n  nodes: [pve1, pve2]\n").target().node(), "the first node, for "
                + "the commands that run on one");
        assertEquals(NodeSelection.Named.of("pve1"), load("target:\n  nodes: ${NODES:-}\n").target().nodes(),
                "a blank value says nothing: the default node");
    }

    @Test
    void allIsEveryOnlineNodeResolvedOnceTheClusterIsRead() throws Exception {
        TargetSettings target = load("target:\n  nodes: all\n").target();

        assertEquals(new NodeSelection.All(), target.nodes());
        assertEquals("all", target.nodes().toString());
        IllegalStateException unresolved = assertThrows(IllegalStateException.class, target::node);
        assertTrue(unresolved.getMessage().contains("withNodes"), unresolved.getMessage());
        TargetSettings resolved = target.withNodes(List.of("pve1", "pve3"));
        assertEquals(NodeSelection.Named.of("pve1", "pve3"), resolved.nodes());
        assertEquals("pve1", resolved.node());
    }

    @Test
    void allIsAWordNeverANodesName() {
        assertMessage("target:\n  node: all\n", "nixpve.yaml:2: target.node: 'all' stands for every node, it is not "
                + "one node's name. Hint: write nodes: all (or --node all) to build on every online node");
        assertMessage("target:\n  nodes:\n    - pve1\n    - all\n", "nixpve.yaml:4: target.nodes: 'all' stands for "
                + "every node and cannot be listed with node names. Hint: write all on its own");
    }

    @Test
    void nodeAndNodesTogetherAreAnErrorThatSaysWhichToKeep() {
        assertMessage("target:\n  node: pve1\n  bridge: vmbr0\n  nodes: [pve2, pve3]\n", "nixpve.yaml:4: "
                + "target.nodes: set together with target.node (line 2); both say which nodes to build on. "
                + "Hint: keep target.nodes (add pve1 to its list if it should build there too) and delete "
                + "target.node: pve1, or keep only target.node for one node");
        assertMessage("target:\n  nodes: [pve2]\n  node: pve1\n", "nixpve.yaml:3: target.node: set together with "
                + "target.nodes (line 2)");
    }

    @Test
    void aFlagReplacesTheFilesNodesInEitherForm() throws Exception {
        write("target:\n  nodes: [pve1, pve2]\n");
        assertEquals(NodeSelection.Named.of("pve3"),
                load(new ConfigOverride("target.node", "pve3", "--node")).target().nodes());
        write("target:\n  node: pve1\n");
        assertEquals(NodeSelection.Named.of("pve2", "pve3"),
                load(new ConfigOverride("target.nodes", "pve2,pve3", "--node")).target().nodes());
        assertEquals(new NodeSelection.All(),
                load(new ConfigOverride("target.nodes", "all", "--node")).target().nodes());
    }

    @Test
    void badNodeListsNameTheItemsLine() {
        assertMessage("target:\n  nodes:\n    - pve1\n    - pve2\n    - pve1\n", "nixpve.yaml:5: target.nodes: "
                + "node 'pve1' is listed twice. Hint: list each node once");
        assertMessage("target:\n  nodes:\n    - pve1\n    - pve_2\n", "nixpve.yaml:4: target.nodes: 'pve_2' is not "
                + "a valid node name. Hint: use a node name as 'pvecm nodes' lists it");
        assertMessage("target:\n  nodes:\n    - pve1\n    - [pve2]\n", "nixpve.yaml:4: target.nodes: an item is a "
                + "list, not a node name. Hint: list node names");
        assertMessage("target:\n  nodes: []\n", "nixpve.yaml:2: target.nodes: names no node. Hint: list node names");
        assertMessage("target:\n  nodes:\n    pve1: yes\n", "nixpve.yaml:2: target.nodes: expected a list of node "
                + "names or all, found a map");
    }

    @Test
    void flagErrorsNameTheOption() {
        ConfigException twice = assertThrows(ConfigException.class,
                () -> load(new ConfigOverride("target.nodes", "pve1,pve2,pve1", "--node")));
        assertEquals("option --node: target.nodes: node 'pve1' is listed twice. Hint: list each node once",
                twice.getMessage());
        ConfigException mixed = assertThrows(ConfigException.class,
                () -> load(new ConfigOverride("target.nodes", "all,pve2", "--node")));
        assertTrue(mixed.getMessage().startsWith("option --node: target.nodes: 'all' stands for every node"),
                mixed.getMessage());
    }

    private NixpveConfig load(String yaml) throws Exception {
        write(yaml);
        return load();
    }

    private void assertMessage(String yaml, String expected) {
        try {
            write(yaml);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        ConfigException e = assertThrows(ConfigException.class, this::load, yaml);
        assertTrue(e.getMessage().contains(expected), "expected <" + expected + "> in: " + e.getMessage());
        assertTrue(e.getMessage().contains("Hint:"), e.getMessage());
    }

    private void write(String yaml) throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), yaml);
    }

    private NixpveConfig load(ConfigOverride... flags) throws ConfigException {
        return new ConfigLoader(Map.of()).load(Optional.empty(), List.of(flags), dir);
    }
}

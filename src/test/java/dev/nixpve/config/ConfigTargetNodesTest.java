package dev.nixpve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target.nodes, target.perNode and target.parallelism: building one image on several nodes. */
class ConfigTargetNodesTest {

    @TempDir
    Path dir;

    @Test
    void oneNodeIsTheConfigurationNixpveAlwaysHad() throws Exception {
        TargetSettings target = load("target:\n  node: pve2\n").target();

        assertEquals(NodeSelection.Named.of("pve2"), target.nodes());
        assertEquals("pve2", target.node());
        assertEquals(new NodeTarget("pve2", "local", "local-lvm", "vmbr0", new VmidRange(9100, 9199)),
                target.forNode("pve2"));
        assertEquals(1, target.parallelismFor(1));
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
        assertTrue(Messages.shown(unresolved).contains("withNodes"), Messages.shown(unresolved));
        TargetSettings resolved = target.withNodes(List.of("pve1", "pve3"));
        assertEquals(NodeSelection.Named.of("pve1", "pve3"), resolved.nodes());
        assertEquals("pve1", resolved.node());
    }

    @Test
    void allIsAWordNeverANodesName() {
        assertMessage("target:\n  node: all\n", "nixpve.yaml:2: target.node: 'all' stands for every node, it is not "
                + "one node's name. Hint: ALL_IS_NO_NODE");
        assertMessage("target:\n  nodes:\n    - pve1\n    - all\n", "nixpve.yaml:4: target.nodes: 'all' stands for "
                + "every node and cannot be listed with node names. Hint: ALL_AMONG_NAMES");
        assertMessage("target:\n  perNode:\n    all:\n      bridge: vmbr1\n", "nixpve.yaml:3: target.perNode: "
                + "'all' is not a node's name. Hint: set what every node shares directly under target:");
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
        write("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      diskStorage: ceph-vm\n");
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
                Messages.shown(twice));
        ConfigException mixed = assertThrows(ConfigException.class,
                () -> load(new ConfigOverride("target.nodes", "all,pve2", "--node")));
        assertTrue(Messages.shown(mixed).startsWith("option --node: target.nodes: 'all' stands for every node"),
                Messages.shown(mixed));
    }

    @Test
    void perNodeOverridesTheStoragesBridgeAndVmidsOfItsNode() throws Exception {
        TargetSettings target = load("""
                target:
                  nodes: [pve1, pve2, pve3]
                  diskStorage: local-zfs
                  perNode:
                    pve2:
                      diskStorage: ceph-vm
                      isoStorage: cephfs
                      bridge: vmbr1
                      vmids:
                        first: 9200
                        last: 9299
                    pve3:
                      vmids: 9300-9399
                """).target();

        assertEquals(new NodeTarget("pve1", "local", "local-zfs", "vmbr0", new VmidRange(9100, 9199)),
                target.forNode("pve1"));
        assertEquals(new NodeTarget("pve2", "cephfs", "ceph-vm", "vmbr1", new VmidRange(9200, 9299),
                Set.of("isoStorage", "diskStorage", "bridge", "vmids")), target.forNode("pve2"));
        assertEquals("target.perNode.pve2.bridge", target.forNode("pve2").key("bridge"));
        assertEquals(new NodeTarget("pve3", "local", "local-zfs", "vmbr0", new VmidRange(9300, 9399),
                Set.of("vmids")), target.forNode("pve3"));
        assertEquals("target.diskStorage", target.forNode("pve3").key("diskStorage"));
        assertEquals(List.of("pve2", "pve3"), List.copyOf(target.perNode().keySet()));
        assertEquals(new NodeOverride(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new VmidRange(9300, 9399))), target.perNode().get("pve3"));
    }

    @Test
    void perNodeValuesAreValidatedLikeTheTargetsWithTheirOwnKeyAndLine() {
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      disk_storage: ceph-vm\n",
                "nixpve.yaml:5: target.perNode.pve2.disk_storage: unknown key. Hint: did you mean 'diskStorage'?");
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      colour: blue\n",
                "Hint: known keys here: isoStorage, diskStorage, bridge, vmids");
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      parallelism: 2\n",
                "nixpve.yaml:5: target.perNode.pve2.parallelism: cannot differ per node. Hint: only isoStorage, "
                        + "diskStorage, bridge, vmids can be set per node");
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      bridge: vmbr0\n"
                + "      diskStorage: Ceph_VM\n", "nixpve.yaml:6: target.perNode.pve2.diskStorage: 'Ceph_VM' is not "
                + "a valid name. Hint: use a storage id as 'pvesm status' lists it");
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      vmids: 9300-9200\n",
                "nixpve.yaml:5: target.perNode.pve2.vmids: the range starts at 9300 but ends at 9200");
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      bridge: [vmbr0, vmbr1]\n",
                "nixpve.yaml:5: target.perNode.pve2.bridge: expected a single value, found a list");
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2: ceph-vm\n", "nixpve.yaml:4: "
                + "target.perNode.pve2: expected a map of settings, found a value. Hint: indent what differs on "
                + "pve2 under 'pve2:'");
        assertMessage("target:\n  nodes: [pve1, pve_2]\n", "target.nodes: 'pve_2' is not a valid node name");
        assertMessage("target:\n  perNode:\n    pve_2:\n      bridge: vmbr1\n", "nixpve.yaml:3: target.perNode: "
                + "'pve_2' is not a valid node name");
        assertMessage("target:\n  perNode: [pve2]\n", "nixpve.yaml:2: target.perNode: expected a map from node "
                + "names to their settings, found a list");
    }

    @Test
    void aPerNodeEntryMustBeForANodeTheFileBuildsOn() throws Exception {
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      bridge: vmbr1\n    pve4:\n"
                + "      bridge: vmbr1\n", "nixpve.yaml:6: target.perNode.pve4: pve4 is not in target.nodes (line 2): "
                + "pve1, pve2. Hint: add pve4 to target.nodes, or delete its entry");
        assertMessage("target:\n  node: pve1\n  perNode:\n    pve2:\n      bridge: vmbr1\n", "nixpve.yaml:4: "
                + "target.perNode.pve2: pve2 is not in target.node (line 2): pve1. Hint: to build on both, write "
                + "target.nodes: [pve1, pve2] instead of target.node; or delete the entry");
        assertMessage("target:\n  perNode:\n    pve2:\n      bridge: vmbr1\n", "nixpve.yaml:3: target.perNode.pve2: "
                + "pve2 is not in the default target.node: pve1.");

        write("target:\n  nodes: all\n  perNode:\n    pve9:\n      bridge: vmbr1\n");
        assertEquals("vmbr1", load().target().forNode("pve9").bridge(), "any node may come online");
        write("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      bridge: vmbr1\n");
        assertEquals("vmbr0", load(new ConfigOverride("target.node", "pve3", "--node")).target().forNode("pve3")
                .bridge(), "--node picked a node; the other entries describe the rest of the cluster");
    }

    @Test
    void vmidRangesOfDifferentNodesMustNotOverlap() throws Exception {
        assertMessage("""
                target:
                  nodes: [pve1, pve2, pve3]
                  perNode:
                    pve2:
                      vmids: 9200-9299
                    pve3:
                      vmids: 9250-9349
                """, "nixpve.yaml:7: target.perNode.pve3.vmids: 9250-9349 overlaps pve2's 9200-9299 (line 5); "
                + "VMIDs are cluster-wide, so both would draw on the same ids. Hint: give each node a range of its "
                + "own, e.g. 9400-9499");
        assertMessage("""
                target:
                  nodes: [pve1, pve2, pve3]
                  vmids: 9100-9199
                  perNode:
                    pve2:
                      vmids: 9150-9249
                """, "nixpve.yaml:6: target.perNode.pve2.vmids: 9150-9249 overlaps target.vmids 9100-9199 (line 3), "
                + "which pve1 and pve3 use;");
        assertMessage("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve2:\n      vmids: 9199-9199\n",
                "target.perNode.pve2.vmids: 9199-9199 overlaps target.vmids 9100-9199 (the default), which pve1 "
                        + "uses;");
        assertMessage("target:\n  nodes: all\n  perNode:\n    pve2:\n      vmids: 9000-9100\n",
                "which the nodes without vmids of their own use;");

        write("target:\n  nodes: [pve1, pve2]\n  perNode:\n    pve1:\n      vmids: 9100-9149\n    pve2:\n"
                + "      vmids: 9150-9199\n");
        assertEquals(new VmidRange(9150, 9199), load().target().forNode("pve2").vmids(),
                "target.vmids is nobody's when every node has a range of its own");
        ConfigException flagged = assertThrows(ConfigException.class,
                () -> load(new ConfigOverride("target.nodes", "pve1,pve3", "--node")));
        assertTrue(Messages.shown(flagged).contains("nixpve.yaml:5: target.perNode.pve1.vmids: 9100-9149 overlaps "
                + "target.vmids 9100-9199 (the default), which pve3 uses"), Messages.shown(flagged));
    }

    @Test
    void parallelismDefaultsToEveryNodeAtOnce() throws Exception {
        TargetSettings unset = load("target:\n  nodes: [pve1, pve2, pve3]\n").target();
        assertEquals(OptionalInt.empty(), unset.parallelism());
        assertEquals(3, unset.parallelismFor(3));

        TargetSettings two = load("target:\n  nodes: all\n  parallelism: 2\n").target();
        assertEquals(OptionalInt.of(2), two.parallelism());
        assertEquals(2, two.parallelismFor(5));
        assertEquals(1, two.parallelismFor(1), "never more builds than nodes");

        assertMessage("target:\n  parallelism: 0\n", "nixpve.yaml:2: target.parallelism: '0' is not a positive "
                + "number. Hint: give how many nodes may build at once, 1 or more");
        assertMessage("target:\n  parallelism: many\n", "nixpve.yaml:2: target.parallelism: 'many' is not a whole "
                + "number");
    }

    @Test
    void theExamplesClusterBlockLoadsOnceUncommented() throws Exception {
        List<String> lines = new ArrayList<>();
        boolean perNode = false;
        for (String line : Files.readAllLines(Path.of("examples/nixpve.yaml"))) {
            perNode = line.equals("  # perNode:") || perNode && !line.isBlank();
            if (line.startsWith("  node: ") || line.equals("  # nodes: all")) {
                continue;
            }
            lines.add(perNode || line.matches("  # (nodes|parallelism): .*") ? "  " + line.substring(4) : line);
        }
        write(String.join("\n", lines) + "\n");

        TargetSettings target = load().target();

        assertEquals(NodeSelection.Named.of("pve1", "pve2", "pve3"), target.nodes());
        assertEquals(OptionalInt.of(2), target.parallelism());
        assertEquals(new NodeTarget("pve3", "cephfs", "ceph-vm", "vmbr0", new VmidRange(9200, 9299),
                Set.of("isoStorage", "diskStorage", "vmids")), target.forNode("pve3"));
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
        assertTrue(Messages.shown(e).contains(expected), "expected <" + expected + "> in: " + Messages.shown(e));
        assertTrue(Messages.shown(e).contains("Hint:"), Messages.shown(e));
    }

    private void write(String yaml) throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), yaml);
    }

    private NixpveConfig load(ConfigOverride... flags) throws ConfigException {
        return new ConfigLoader(Map.of()).load(Optional.empty(), List.of(flags), dir);
    }
}

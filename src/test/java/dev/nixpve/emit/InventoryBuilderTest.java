package dev.nixpve.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.Event;
import dev.nixpve.event.LogEvent;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inventory of a two-node simulated cluster: hosts, groups, addresses and the warnings. */
class InventoryBuilderTest {

    static InventorySimulation cluster;
    static final List<Event> events = new CopyOnWriteArrayList<>();
    static Inventory inventory;

    @BeforeAll
    static void build() {
        cluster = new InventorySimulation();
        inventory = new InventoryBuilder(cluster.client, events::add).build();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void listsEveryVmTaggedNixpveButNoTemplateNoneOfNixpvesOwnAndNothingElse() {
        assertEquals(List.of("k8s-cp-1", "k8s-worker-1", "k8s-worker-2", "k8s-worker-3", "db-9205", "db-9206"),
                inventory.hosts().stream().map(InventoryHost::name).toList());
    }

    /** A clone made by hand of a published template carries its run tag, and the verified mark: a host. */
    @Test
    void onlyAnUnverifiedRunsVmIsNixpvesOwn() {
        assertTrue(InventoryBuilder.isNixpvesOwn(vm("nixpve;building;nixos-base;run-0123456789ab")));
        assertTrue(InventoryBuilder.isNixpvesOwn(vm("nixpve;smoke-test;nixos-base")));
        assertTrue(InventoryBuilder.isNixpvesOwn(vm("nixpve;nixos;nixos-base;build-0123456789ab;run-0123456789ab")));
        assertFalse(InventoryBuilder.isNixpvesOwn(vm("nixpve;nixos;nixos-base;build-0123456789ab;run-0123456789ab;"
                + "verified")));
        assertFalse(InventoryBuilder.isNixpvesOwn(vm("nixpve;worker;build-0123456789ab")));
    }

    /** The inventory cannot see the pipeline (it would be a package cycle): the tags it knows must be the pipeline's. */
    @Test
    void theOwnVmTagsAreThePipelines() {
        assertEquals(java.util.Set.of(dev.nixpve.pipeline.steps.InstallerVmSpec.BUILDING_TAG,
                dev.nixpve.pipeline.steps.SmokeTest.SMOKE_TAG), InventoryBuilder.OWN_VM_TAGS);
        assertEquals(dev.nixpve.pipeline.steps.TemplateSpec.VERIFIED_TAG, InventoryBuilder.VERIFIED_TAG);
    }

    private static ClusterResource vm(String tags) {
        return new ClusterResource("qemu/9400", "qemu", Optional.of("pve1"), Optional.of("running"), Optional.empty(),
                Optional.of(9400), false, Tags.parse(tags), Optional.empty(), Optional.empty());
    }

    @Test
    void hostVariablesComeFromTheAgentElseTheStaticCloudInitAddress() {
        assertEquals(Map.of("ansible_host", "192.168.77.21", "proxmox_vmid", 9201, "proxmox_node", "pve1",
                "proxmox_tags", "build-0123456789ab;control-plane;nixpve", "node_role", "control-plane"),
                inventory.host("k8s-cp-1").orElseThrow().vars());
        assertEquals(Optional.of("10.0.0.23"), inventory.host("k8s-worker-2").orElseThrow().ansibleHost());
        assertEquals(Map.of("ansible_host", "10.0.0.25", "proxmox_vmid", 9205, "proxmox_node", "pve1",
                "proxmox_tags", "nixpve"),
                inventory.host("db-9205").orElseThrow().vars(), "stopped: the static address, and no role");
        assertEquals(Map.of("proxmox_vmid", 9204, "proxmox_node", "pve2", "proxmox_tags", "nixpve;worker",
                "node_role", "worker"),
                inventory.host("k8s-worker-3").orElseThrow().vars(), "no agent, no static address: no ansible_host");
        assertEquals(Optional.of("192.168.77.26"), inventory.host("db-9206").orElseThrow().ansibleHost());
    }

    @Test
    void groupsFollowRoleTagsNodesAndBuildTags() {
        assertEquals(List.of("control_plane", "workers"), members("k8s_cluster", true));
        assertEquals(List.of("k8s-cp-1"), members("control_plane", false));
        assertEquals(List.of("k8s-worker-1", "k8s-worker-2", "k8s-worker-3"), members("workers", false));
        assertEquals(List.of("k8s-cp-1", "k8s-worker-1", "db-9205"), members("nixpve_pve1", false));
        assertEquals(List.of("k8s-worker-2", "k8s-worker-3", "db-9206"), members("nixpve_pve2", false));
        assertEquals(List.of("k8s-cp-1", "k8s-worker-2"), members("build_0123456789ab", false));
        assertEquals(List.of("k8s_cluster", "control_plane", "workers", "nixpve_pve1", "nixpve_pve2",
                "build_0123456789ab"), inventory.groups().stream().map(InventoryGroup::name).toList());
    }

    @Test
    void aVmWithoutAnAnsweringAgentIsWarnedAboutNotDropped() {
        List<String> warnings = events.stream().filter(e -> e instanceof LogEvent l && l.level() == LogEvent.Level.WARN)
                .map(e -> ((LogEvent) e).message()).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals("VM 9204 (k8s-worker-3) on pve2: its guest agent did not answer (No QEMU guest agent "
                + "configured); listed without ansible_host", warnings.get(0));
        assertEquals(List.of(LogEvent.Topic.HOST_WITHOUT_ADDRESS, LogEvent.Topic.NONE), events.stream()
                .filter(e -> e instanceof LogEvent l && l.level() == LogEvent.Level.WARN)
                .map(e -> ((LogEvent) e).topic()).toList(), "the CLI words what to do about the first");
        assertEquals("VM 9205 (db-9205) on pve1: it is stopped, so its guest agent cannot answer; using its static "
                + "cloud-init address 10.0.0.25.", warnings.get(1));
        assertTrue(events.stream().noneMatch(e -> e instanceof LogEvent l && l.level() == LogEvent.Level.INFO),
                "nothing on stdout while the inventory may be printed there");
    }

    @Test
    void staticAddressesAreReadFromIpconfig() {
        assertEquals(Optional.of("10.1.2.3"), HostAddresses.staticIpv4("ip=10.1.2.3/24,gw=10.1.2.1"));
        assertEquals(Optional.of("10.1.2.3"), HostAddresses.staticIpv4("gw=10.1.2.1,ip=10.1.2.3/16"));
        assertEquals(Optional.empty(), HostAddresses.staticIpv4("ip=dhcp"));
        assertEquals(Optional.empty(), HostAddresses.staticIpv4("ip6=fd00::5/64,gw6=fd00::1"));
    }

    @Test
    void hostNamesAreSafeAndUnique() {
        assertEquals(Map.of(1, "web", 2, "db-2", 3, "db-3", 4, "vm-4", 5, "my-box"),
                InventoryNames.hostNames(new java.util.TreeMap<>(Map.of(1, "web", 2, "db", 3, "db", 4, "", 5,
                        "my box!")), java.util.Set.of()));
        assertEquals("nixpve_pve_east_1", InventoryNames.group("nixpve_", "PVE-east-1"));
    }

    /** Item 27: a host named like a group would lend the group its variables; a suffix must not clash either. */
    @Test
    void hostNamesNeverClashWithGroupsOrWithEachOtherAfterSuffixing() {
        Map<Integer, String> names = new java.util.TreeMap<>(Map.of(201, "workers", 202, "all", 203, "nixpve_pve1",
                208, "web", 209, "web", 300, "web-208", 301, "ungrouped"));
        assertEquals(Map.of(201, "workers-201", 202, "all-202", 203, "nixpve_pve1-203", 208, "web-208-208",
                209, "web-209", 300, "web-208", 301, "ungrouped-301"),
                InventoryNames.hostNames(names, java.util.Set.of("workers", "nixpve_pve1", "k8s_cluster")));
    }

    private static List<String> members(String group, boolean children) {
        InventoryGroup found = inventory.group(group).orElseThrow(() -> new AssertionError("no group " + group));
        return children ? found.children() : found.hosts();
    }
}

package dev.nixpve.sim.state;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.fault.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated cluster: nodes with their storages, VMs, tasks, and the timeline that moves them.
 * Callers hold the cluster's monitor ({@code synchronized (cluster)}) around every use, and call
 * {@link #catchUp()} first so the state reflects the clock.
 */
public final class SimCluster {

    private final Timeline timeline;
    private final Faults faults;
    private final Path workDirectory;
    private final Duration installTime;
    private final Instant bootedAt;
    private final Map<String, SimNode> nodes = new LinkedHashMap<>();
    private final TreeMap<Integer, SimVm> vms = new TreeMap<>();
    private final Map<String, String> vnetZones = new TreeMap<>();
    private final StorageConfig storages = new StorageConfig(nodes.values());
    private final NodeOutages outages;
    private final Tasks tasks;
    private final StatusSamples samples;

    public SimCluster(List<String> nodeNames, List<SharedStorageSpec> sharedStorages, Timeline timeline,
                      Faults faults, Path workDirectory, Duration installTime) {
        this.timeline = timeline;
        this.faults = faults;
        this.workDirectory = workDirectory;
        this.installTime = installTime;
        this.bootedAt = timeline.now();
        nodeNames.forEach(name -> nodes.put(name, new SimNode(name)));
        refuseAnOutageOfTheEntryNode(nodeNames.get(0), faults);
        sharedStorages.forEach(storages::addShared);
        this.outages = new NodeOutages(faults, timeline, bootedAt, this::crash);
        // a node down from the start never reported anything the cluster could still show
        outages.down().forEach(name -> node(name).ifPresent(node -> node.goOffline(bootedAt.minus(
                SimNode.STATUS_EXPIRY))));
        this.tasks = new Tasks(timeline, faults::taskFailure, outages::taskEnded);
        this.samples = new StatusSamples(timeline, vms::values, vm -> requireNode(vm.node()).online());
    }

    /** Runs what the clock says has happened, and puts the standing faults in force. */
    /**
     * The first node is the one this simulator answers as (its pveproxy: uploads land there,
     * /cluster/status marks it local). On real PVE its outage drops every connection, which the
     * simulator does not model; rather than answer calls a dead node could not, it refuses.
     */
    private static void refuseAnOutageOfTheEntryNode(String entry, Faults faults) {
        if (faults.nodeOutages().stream().anyMatch(outage -> outage.node().equals(entry))) {
            throw new IllegalArgumentException("node-offline=" + entry + ": " + entry + " is the node this simulator "
                    + "answers as, whose outage would drop every connection, which is not simulated; take another "
                    + "node down");
        }
    }

    public void catchUp() {
        outages.arm();
        timeline.runDue();
        Set<String> down = outages.down();
        nodes.values().forEach(node -> {
            if (down.contains(node.name())) {
                crash(node.name(), timeline.now());
            } else {
                node.comeOnline();
            }
            node.storages().forEach(storage -> storage.markFull(faults.fullStorages().contains(storage.id())));
        });
        vms.values().forEach(vm -> faults.lockOf(vm.vmid()).ifPresent(kind -> vm.config().put("lock", kind)));
    }

    /**
     * The node goes down as if its power failed: its guests stop, its workers die unfinished. The
     * cluster learns it at once (corosync), so listings show it offline from this moment.
     */
    private void crash(String name, Instant at) {
        SimNode node = nodes.get(name);
        if (node == null || !node.online()) {
            return;
        }
        node.goOffline(at);
        vms.values().stream().filter(vm -> vm.node().equals(name)).forEach(SimVm::poweredOff);
        tasks.abandon(name);
    }

    public Timeline timeline() {
        return timeline;
    }

    public Faults faults() {
        return faults;
    }

    /** pvestatd's last sample of each VM, which {@code /cluster/resources} serves. */
    public StatusSamples samples() {
        return samples;
    }

    public Tasks tasks() {
        return tasks;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public Duration installTime() {
        return installTime;
    }

    public Instant bootedAt() {
        return bootedAt;
    }

    public List<SimNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<SimNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** The node, or PVE's answer for a name that is not a cluster member. */
    public SimNode requireNode(String name) {
        SimNode node = nodes.get(name);
        if (node == null) {
            throw PveError.server("hostname lookup '" + name + "' failed - failed to get address info for: " + name
                    + ": Name or service not known\n");
        }
        return node;
    }

    /** The storage as the node sees it, or Storage.pm's refusal (see {@link StorageConfig}). */
    public SimStorage requireStorage(String node, String storage) {
        return storages.require(requireNode(node), storage);
    }

    /** corosync's quorum: more than half the nodes are up (every node has one vote). */
    public boolean quorate() {
        long online = nodes.values().stream().filter(SimNode::online).count();
        return online * 2 > nodes.size();
    }

    /**
     * pve-cluster's check_cfs_quorum, which create, start and clone run first: without quorum
     * /etc/pve is read-only and PVE refuses.
     */
    public void requireQuorum() {
        if (!quorate()) {
            throw PveError.server("cluster not ready - no quorum?\n");
        }
    }

    /**
     * Why a VM's config cannot be written now, if it cannot: without quorum pmxcfs makes /etc/pve
     * read-only, and pve-common's file_set_contents dies opening its temporary file.
     */
    public Optional<String> configReadOnly(String node, int vmid) {
        return quorate() ? Optional.empty() : Optional.of("unable to open file '/etc/pve/nodes/" + node
                + "/qemu-server/" + vmid + ".conf.tmp." + WORKER_PID + "' - Permission denied\n");
    }

    /** The pid in a read-only config's temporary file name (file_set_contents names it by its pid). */
    private static final int WORKER_PID = 4242;

    /** The cluster's storage.cfg: what storages exist and which nodes hold them. */
    public StorageConfig storageConfig() {
        return storages;
    }

    /** An SDN VNet in {@code zone}: every node can attach VMs to it, as to a bridge. */
    public void addVnet(String vnet, String zone) {
        vnetZones.put(vnet, zone);
    }

    /** VNet name to its zone. */
    public Map<String, String> vnets() {
        return Map.copyOf(vnetZones);
    }

    public List<SimVm> vms() {
        return List.copyOf(vms.values());
    }

    public Optional<SimVm> vm(int vmid) {
        return Optional.ofNullable(vms.get(vmid));
    }

    /** The VM on that node, or PVE's 500 for a config file that does not exist there. */
    public SimVm requireVm(String node, int vmid) {
        SimVm vm = vms.get(vmid);
        if (vm == null || !vm.node().equals(node)) {
            throw PveError.server("Configuration file 'nodes/" + node + "/qemu-server/" + vmid
                    + ".conf' does not exist\n");
        }
        return vm;
    }

    public void add(SimVm vm) {
        vms.put(vm.vmid(), vm);
    }

    public void remove(int vmid) {
        vms.remove(vmid);
    }

    /** The lowest VMID from 100 on that no VM uses, as {@code /cluster/nextid} answers. */
    public int nextFreeVmid() {
        int candidate = 100;
        while (vms.containsKey(candidate)) {
            candidate++;
        }
        return candidate;
    }

    /** Resolves {@code STORAGE:VOLNAME} on a node to the stored volume, if it exists. */
    public Optional<StoredVolume> volume(String node, Drive.VolumeRef ref) {
        return node(node).flatMap(n -> n.storage(ref.storage())).flatMap(s -> s.volume(ref.volname()));
    }
}

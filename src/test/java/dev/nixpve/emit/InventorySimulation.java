package dev.nixpve.emit;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.ConfigLoader;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A two-node simulated cluster as Terraform would leave it: the template on pve1 and pve2, clones
 * with role tags on both nodes, and the awkward cases an inventory must survive.
 *
 * <pre>
 * 9100 pve1  template nixos-base         9101 pve2  template nixos-base (same build)
 * 9201 pve1  k8s-cp-1      control-plane, build tag, DHCP      agent: 192.168.77.21
 * 9202 pve1  k8s-worker-1  worker, DHCP                         agent: 192.168.77.22
 * 9203 pve2  k8s-worker-2  worker, build tag, static 10.0.0.23  agent: 10.0.0.23
 * 9204 pve2  k8s-worker-3  worker, guest agent disabled, DHCP   no address: warning
 * 9205 pve1  db            no role, stopped, static 10.0.0.25   static address: warning
 * 9206 pve2  db            no role, DHCP                        agent: 192.168.77.26
 * 9300 pve1  unrelated     not tagged nixpve                    not listed
 * 9301 pve1  installer VM  building, run tag (a cleanup failed)  not listed
 * 9302 pve2  smoke-test clone, run tag                          not listed
 * 9303 pve1  smoke-test clone that kept its template's tags     not listed
 * </pre>
 */
public final class InventorySimulation implements AutoCloseable {

    public static final String BUILD_ID = "0123456789abcdef0123456789abcdef01234567";
    public static final String BUILD_TAG = "build-0123456789ab";
    private static final String RUN_TAG = "run-0123456789ab";
    private static final String TEMPLATE_TAGS = "nixpve;nixos;nixos-base;" + BUILD_TAG;

    public final FakeClock clock = new FakeClock();
    public final PveSimulator simulator;
    public final ProxmoxClient client;

    public InventorySimulation() {
        try {
            simulator = PveSimulator.start(SimOptions.defaults().withClock(clock).withDelayer(duration -> { })
                    .withInstallTime(Duration.ofSeconds(100)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = connect(simulator.environment());
        template("pve1", 9100);
        template("pve2", 9101);
        clone("pve1", 9100, 9201, "k8s-cp-1", PveParams.of().put("tags", "control-plane;nixpve;" + BUILD_TAG));
        clone("pve1", 9100, 9202, "k8s-worker-1", PveParams.of().put("tags", "nixpve;worker"));
        clone("pve2", 9101, 9203, "k8s-worker-2", PveParams.of().put("tags", "nixpve;worker;" + BUILD_TAG)
                .put("ipconfig0", "ip=10.0.0.23/24,gw=10.0.0.1"));
        clone("pve2", 9101, 9204, "k8s-worker-3", PveParams.of().put("tags", "nixpve;worker").put("delete", "agent"));
        clone("pve1", 9100, 9205, "db", PveParams.of().put("tags", "nixpve").put("ipconfig0", "ip=10.0.0.25/24"));
        clone("pve2", 9101, 9206, "db", PveParams.of().put("tags", "nixpve"));
        clone("pve1", 9100, 9300, "unrelated", PveParams.of().put("tags", "other"));
        // nixpve's own VMs, as a run whose cleanup failed leaves them
        clone("pve1", 9100, 9301, "nixos-base-installer", PveParams.of().put("tags", "building;nixos-base;nixpve;"
                + RUN_TAG));
        clone("pve2", 9101, 9302, "nixos-base-smoke", PveParams.of().put("tags", "nixos-base;nixpve;smoke-test;"
                + RUN_TAG));
        clone("pve1", 9100, 9303, "nixos-base-smoke", PveParams.of().put("tags", TEMPLATE_TAGS + ";" + RUN_TAG));
        for (int vmid : new int[] {9201, 9202, 9203, 9204, 9206, 9300, 9301, 9302, 9303}) {
            String node = vmid == 9203 || vmid == 9204 || vmid == 9206 || vmid == 9302 ? "pve2" : "pve1";
            await(client.startVm(node, vmid));
        }
        clock.advance(Duration.ofSeconds(30));
    }

    /** The environment a CLI run needs to reach this simulator. */
    public Map<String, String> environment() {
        return new HashMap<>(simulator.environment());
    }

    @Override
    public void close() {
        client.close();
        simulator.close();
    }

    /** A template as nixpve leaves it: installed disk, guest agent, cloud-init, its tags. */
    private void template(String node, int vmid) {
        await(client.createVm(node, vmid, PveParams.of().put("name", "nixos-base").put("memory", 2048)
                .put("scsihw", "virtio-scsi-single").put("scsi0", "local-lvm:8").put("net0", "virtio,bridge=vmbr0")
                .put("agent", "enabled=1").put("ipconfig0", "ip=dhcp")
                .put("boot", "order=scsi0").put("tags", TEMPLATE_TAGS)));
        // What an unattended install leaves on the disk; the simulator boots clones of it as NixOS.
        synchronized (simulator.cluster()) {
            simulator.cluster().requireStorage(node, "local-lvm").volume("vm-" + vmid + "-disk-0").orElseThrow()
                    .installedBuild(BUILD_ID.substring(0, 20));
        }
        await(client.convertToTemplate(node, vmid).orElseThrow());
    }

    private void clone(String node, int template, int vmid, String name, PveParams changes) {
        await(client.cloneVm(node, template, CloneRequest.full(vmid, name, "local-lvm")));
        client.setVmConfig(node, vmid, changes, Optional.empty());
    }

    private void await(Upid upid) {
        new TaskWaiter(client, clock, clock).await(upid, Duration.ofMinutes(5), Duration.ofSeconds(1),
                ResourceRef.task(upid));
    }

    private ProxmoxClient connect(Map<String, String> environment) {
        try {
            var config = new ConfigLoader(new HashMap<>(environment)).load(Optional.empty(), List.of(), Path.of("."));
            return new ProxmoxConnector(clock, clock, EventSink.discard()).connect(config.proxmox());
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}

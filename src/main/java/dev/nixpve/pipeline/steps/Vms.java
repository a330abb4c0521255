package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.AgentAnswers;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.NetworkInterface;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.Upid;
import java.time.Duration;
import java.util.Optional;

/**
 * VM operations that wait for their PVE task, each with a timeout fitted to what the task does.
 * Every step that changes a VM goes through here, so waits are stated once.
 */
public final class Vms {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration QUICK = Duration.ofMinutes(2);
    static final Duration DISK_WORK = Duration.ofMinutes(10);
    static final Duration CLONE = Duration.ofMinutes(30);

    private final ProxmoxClient client;
    private final TaskWaiter waiter;

    public Vms(ProxmoxClient client, TaskWaiter waiter) {
        this.client = client;
        this.waiter = waiter;
    }

    public ProxmoxClient client() {
        return client;
    }

    public void create(String node, int vmid, PveParams params) {
        await(client.createVm(node, vmid, params), DISK_WORK, node, vmid);
    }

    public void update(String node, int vmid, PveParams changes) {
        client.updateVmConfig(node, vmid, changes, Optional.empty()).ifPresent(u -> await(u, DISK_WORK, node, vmid));
    }

    public void start(String node, int vmid) {
        await(client.startVm(node, vmid), QUICK, node, vmid);
    }

    public void stopIfRunning(String node, int vmid) {
        if (client.vmStatus(node, vmid).running()) {
            await(client.stopVm(node, vmid), QUICK, node, vmid);
        }
    }

    public void template(String node, int vmid) {
        client.convertToTemplate(node, vmid).ifPresent(u -> await(u, DISK_WORK, node, vmid));
    }

    public void cloneFrom(String node, int source, CloneRequest request) {
        await(client.cloneVm(node, source, request), CLONE, node, request.newVmid());
    }

    /** Keeps a VM for inspection after a failure: stopped, and tagged so nothing mistakes it for a good one. */
    public void markFailed(String node, int vmid) {
        stopIfRunning(node, vmid);
        addTags(node, vmid, TemplateSpec.FAILED_TAG);
    }

    /** Adds tags to those the VM has: the run, image and build tags stay, so recovery and people see them. */
    public void addTags(String node, int vmid, String... tags) {
        update(node, vmid, PveParams.of().put("tags", client.vmConfig(node, vmid).tags().with(tags).param()));
    }

    /** The first routable IPv4 the guest agent reports; empty while the agent is not up yet. */
    public Optional<String> ipv4(String node, int vmid) {
        try {
            return NetworkInterface.firstRoutableIpv4(client.agentNetworkInterfaces(node, vmid));
        } catch (ProxmoxException e) {
            if (AgentAnswers.isNoNews(e)) {
                return Optional.empty(); // the agent starts a few seconds into the boot
            }
            throw e;
        }
    }

    /** Stops the VM if it runs, then destroys it with its disks and any job references. */
    public void destroy(String node, int vmid) {
        stopIfRunning(node, vmid);
        await(client.deleteVm(node, vmid, true, true), DISK_WORK, node, vmid);
    }

    private void await(Upid upid, Duration timeout, String node, int vmid) {
        waiter.await(upid, timeout, POLL, ResourceRef.vm(node, vmid));
    }
}

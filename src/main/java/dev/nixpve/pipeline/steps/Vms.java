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
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveTimeoutException;
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.wait.Poll;
import dev.nixpve.wait.WaitSpec;
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
    /** What a look for the guest's address saw when the agent answered without one. */
    public static final String NO_ADDRESS = "no address yet";

    private final ProxmoxClient client;
    private final TaskWaiter waiter;
    private final Retries retries;

    /** Without retries: for recovery and pruning, which a later run repeats anyway. */
    public Vms(ProxmoxClient client, TaskWaiter waiter) {
        this(client, waiter, Retries.none());
    }

    /** {@code retries}: how a write that failed for a passing cause is looked at and tried again. */
    public Vms(ProxmoxClient client, TaskWaiter waiter, Retries retries) {
        this.client = client;
        this.waiter = waiter;
        this.retries = retries;
    }

    public ProxmoxClient client() {
        return client;
    }

    /** How writes are tried again: for the steps that write through the client directly (the upload). */
    public Retries retries() {
        return retries;
    }

    /** Creates the VM; after a passing failure, again unless a VM of this id and name exists now. */
    public void create(String node, int vmid, PveParams params) {
        String name = params.asMap().getOrDefault("name", "");
        retries.write("create VM " + vmid + " on " + node,
                () -> await(client.createVm(node, vmid, params), DISK_WORK, node, vmid),
                () -> madeAs(node, vmid, name, DISK_WORK));
    }

    /** Sets these keys without a digest: the same values again are the same change, so it is simply repeated. */
    public void update(String node, int vmid, PveParams changes) {
        retries.write("change the config of VM " + vmid + " on " + node,
                () -> client.updateVmConfig(node, vmid, changes, Optional.empty())
                        .ifPresent(u -> await(u, DISK_WORK, node, vmid)),
                () -> false);
    }

    public void start(String node, int vmid) {
        retries.write("start VM " + vmid + " on " + node, () -> await(client.startVm(node, vmid), QUICK, node, vmid),
                () -> client.vmStatus(node, vmid).running());
    }

    public void stopIfRunning(String node, int vmid) {
        if (client.vmStatus(node, vmid).running()) {
            retries.write("stop VM " + vmid + " on " + node, () -> await(client.stopVm(node, vmid), QUICK, node, vmid),
                    () -> client.vmStatus(node, vmid).stopped());
        }
    }

    public void template(String node, int vmid) {
        retries.write("convert VM " + vmid + " on " + node + " to a template",
                () -> client.convertToTemplate(node, vmid).ifPresent(u -> await(u, DISK_WORK, node, vmid)),
                () -> client.vmConfig(node, vmid).isTemplate() && unlocked(node, vmid, DISK_WORK));
    }

    /** Clones; after a passing failure, again unless the clone exists now under its id and name. */
    public void cloneFrom(String node, int source, CloneRequest request) {
        String target = request.target().orElse(node);
        retries.write("clone VM " + source + " on " + node + " to VM " + request.newVmid(),
                () -> await(client.cloneVm(node, source, request), CLONE, node, request.newVmid()),
                () -> madeAs(target, request.newVmid(), request.name().orElse(""), CLONE));
    }

    /**
     * Whether a create or clone whose call failed happened after all: a VM of this id carries the
     * name asked for (another one, e.g. a racing run's, does not), and its task finished (the
     * config lock it holds while it works is gone).
     */
    private boolean madeAs(String node, int vmid, String name, Duration timeout) {
        Optional<VmConfig> config = configIfAny(node, vmid);
        return config.isPresent() && config.get().name().orElse("").equals(name) && unlocked(node, vmid, timeout);
    }

    private Optional<VmConfig> configIfAny(String node, int vmid) {
        try {
            return Optional.of(client.vmConfig(node, vmid));
        } catch (PveApiException e) {
            if (e.kind() == PveApiException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private boolean unlocked(String node, int vmid, Duration timeout) {
        WaitSpec spec = new WaitSpec("VM " + vmid + " on " + node + " to lose its config lock", timeout, POLL);
        try {
            return waiter.poller().await(spec, () -> client.vmConfig(node, vmid).get("lock")
                    .map(lock -> Poll.<Boolean>notYet("locked (" + lock + ")")).orElseGet(() -> Poll.done(true)))
                    .orElseThrow(seen -> new PveTimeoutException(spec, seen, ResourceRef.vm(node, vmid)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PveTimeoutException(spec, "interrupted", ResourceRef.vm(node, vmid));
        }
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
        return lookForIpv4(node, vmid).result();
    }

    /**
     * The first routable IPv4 the guest agent reports, or what a look saw instead: {@link #NO_ADDRESS},
     * or the agent call's failure that is no news yet (the agent starts a few seconds into the boot),
     * which a wait that runs out says, rather than blame DHCP for reads that failed.
     */
    public Poll<String> lookForIpv4(String node, int vmid) {
        try {
            return NetworkInterface.firstRoutableIpv4(client.agentNetworkInterfaces(node, vmid)).map(Poll::done)
                    .orElseGet(() -> Poll.notYet(NO_ADDRESS));
        } catch (ProxmoxException e) {
            if (AgentAnswers.isNoNews(e)) {
                return Poll.notYet(e.getMessage());
            }
            throw e;
        }
    }

    /** Stops the VM if it runs, then destroys it with its disks and any job references. */
    public void destroy(String node, int vmid) {
        stopIfRunning(node, vmid);
        retries.write("destroy VM " + vmid + " on " + node,
                () -> await(client.deleteVm(node, vmid, true, true), DISK_WORK, node, vmid),
                () -> configIfAny(node, vmid).isEmpty());
    }

    private void await(Upid upid, Duration timeout, String node, int vmid) {
        waiter.await(upid, timeout, POLL, ResourceRef.vm(node, vmid));
    }
}

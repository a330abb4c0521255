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
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.wait.Poll;
import dev.nixpve.wait.WaitSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * VM operations that wait for their PVE task, each with a timeout fitted to what the task does.
 * Every step that changes a VM, or frees a volume, goes through here, so waits and retries are
 * stated once.
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

    /** Without retries: for the demo's seeding and tests that want the first failure as it is. */
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
                () -> settled(node, vmid, DISK_WORK).map(VmConfig::isTemplate).orElse(false));
    }

    /** Clones; after a passing failure, again unless the clone exists now under its id and name. */
    public void cloneFrom(String node, int source, CloneRequest request) {
        String target = request.target().orElse(node);
        retries.write("clone VM " + source + " on " + node + " to VM " + request.newVmid(),
                () -> await(client.cloneVm(node, source, request), CLONE, node, request.newVmid()),
                () -> clonedAs(node, target, request.newVmid(), request.name().orElse("")));
    }

    /**
     * Whether a clone whose call failed happened after all. qemu-server's clone_vm writes the new
     * config on the source's node ("lock: clone", the name only once its disks are made) and moves it
     * to the target's as its last act, so while its task runs, a clone onto another node is found
     * on the source's, locked; it is waited for there, then judged on the target. The source is read
     * first, so a move between the two reads is not missed.
     */
    private boolean clonedAs(String source, String target, int vmid, String name) {
        if (source.equals(target)) {
            return madeAs(target, vmid, name, CLONE);
        }
        return waiter.until(new WaitSpec("VM " + vmid + " cloned on " + source + " to reach " + target, CLONE, POLL),
                ResourceRef.vm(source, vmid), () -> {
                    Optional<VmConfig> making = configIfAny(source, vmid);
                    if (making.flatMap(config -> config.get("lock")).isPresent()) {
                        return Poll.<Boolean>notYet("being cloned on " + source);
                    }
                    return Poll.done(madeAs(target, vmid, name, CLONE));
                });
    }

    /**
     * Whether a create or clone whose call failed happened after all: once its task is done (the
     * config lock it holds while it works is gone), a VM of this id carries the name asked for
     * (another one, e.g. a racing run's, does not). The name is judged only then: while PVE works,
     * the config holds its lock and little else (create_and_lock_config writes "lock: create" alone).
     */
    private boolean madeAs(String node, int vmid, String name, Duration timeout) {
        return settled(node, vmid, timeout).flatMap(VmConfig::name).orElse("").equals(name);
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

    /** The VM's config once no task holds its lock; empty when there is no such VM (or it was rolled back). */
    private Optional<VmConfig> settled(String node, int vmid, Duration timeout) {
        return waiter.until(new WaitSpec("VM " + vmid + " on " + node + " to lose its config lock", timeout, POLL),
                ResourceRef.vm(node, vmid), () -> {
                    Optional<VmConfig> config = configIfAny(node, vmid);
                    return config.flatMap(c -> c.get("lock")).map(lock -> Poll.<Optional<VmConfig>>notYet(
                            "locked (" + lock + ")")).orElseGet(() -> Poll.done(config));
                });
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

    /** Frees a volume (an old or broken ISO); after a passing failure, again unless it is gone now. */
    public void freeVolume(String node, String storage, String volid) {
        retries.write("remove " + volid + " on " + node,
                () -> client.deleteVolume(node, storage, volid).ifPresent(u -> waiter.await(u, QUICK, POLL,
                        ResourceRef.storage(node, storage))),
                () -> client.storageContent(node, storage, Optional.empty()).stream()
                        .noneMatch(v -> v.volid().equals(volid)));
    }

    private void await(Upid upid, Duration timeout, String node, int vmid) {
        waiter.await(upid, timeout, POLL, ResourceRef.vm(node, vmid));
    }
}

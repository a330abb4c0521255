package dev.nixpve.pipeline.steps;

import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.Tags;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster half of the image lock. The OS lock in the state directory only stops runs that
 * share it; a run on another machine shows on the cluster instead: a VM of this image in the
 * making (installer VM, template not yet verified, smoke-test clone) that carries its run tag, and
 * whose description names its holder on another host (installer VMs and templates record it).
 * Such a run is taken to be alive while it is younger than the longest a run can take
 * ({@code lease}): no process on this machine can tell. Older, or of this host and not alive
 * here, it is dead, and recovery deals with what it left.
 */
public final class ForeignRuns {

    /** A run of another machine, and the VM it was seen by. */
    public record Seen(RunLock.Holder holder, String node, int vmid) {

        public String describe() {
            return holder.describe() + ", seen by its VM " + vmid + " on " + node;
        }
    }

    private final ProxmoxClient client;
    private final StateDirectory state;

    public ForeignRuns(ProxmoxClient client, StateDirectory state) {
        this.client = client;
        this.state = state;
    }

    /** A live run of another host that is making this image, if there is one. */
    public Optional<Seen> making(String imageName, RunId self, String thisHost, Instant now, Duration lease)
            throws IOException {
        for (ClusterResource guest : client.resources(Optional.of("vm"))) {
            Tags tags = guest.tags();
            if (!guest.isQemuGuest() || guest.node().isEmpty() || guest.vmid().isEmpty()
                    || !tags.contains(TemplateSpec.TAG) || !tags.contains(imageName)
                    || tags.contains(TemplateSpec.FAILED_TAG) || tags.contains(TemplateSpec.VERIFIED_TAG)) {
                continue;
            }
            Optional<RunId> run = tags.stream().map(RunId::fromTag).flatMap(Optional::stream).findFirst();
            if (run.isEmpty() || run.get().equals(self) || state.isLive(run.get())) {
                continue;
            }
            Optional<RunLock.Holder> holder = client.vmConfig(guest.node().get(), guest.vmid().get())
                    .get("description").flatMap(RunLock.Holder::parse)
                    .filter(h -> h.run().equals(run.get()));
            if (holder.isPresent() && !holder.get().host().equals(thisHost)
                    && Duration.between(holder.get().started(), now).compareTo(lease) < 0) {
                return Optional.of(new Seen(holder.get(), guest.node().get(), guest.vmid().get()));
            }
        }
        return Optional.empty();
    }
}

package dev.nixpve.pipeline.steps;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs of other machines, which share no state directory with this one: they show only on the
 * cluster, by the VMs they are making (installer VM, template not yet verified, smoke-test clone)
 * with their run tag and, in the description, their holder on another host. No process here can
 * tell whether such a run is alive, so it is taken to be while it is younger than the longest a
 * run can take ({@link #lease}). A run this state directory has a journal of is this machine's,
 * whatever host name it recorded. The image lock's cluster half ({@link #making}) and recovery,
 * which leaves a live one's VMs alone ({@link #alive}), both ask here.
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
    private final String thisHost;
    private final Duration lease;

    public ForeignRuns(ProxmoxClient client, StateDirectory state, String thisHost, Duration lease) {
        this.client = client;
        this.state = state;
        this.thisHost = thisHost;
        this.lease = lease;
    }

    /**
     * The longest a run of this configuration can take: every step's timeout, and an hour for the
     * steps without one. A run of another machine that started longer ago than this is dead.
     */
    public static Duration lease(NixpveConfig config) {
        return config.build().timeout().plus(config.install().timeout()).plus(config.verify().timeout())
                .plus(UploadIso.IMPORT_TIMEOUT).plus(Duration.ofHours(1));
    }

    /** A live run of another machine making this image on {@code node}, if there is one. */
    public Optional<Seen> making(String imageName, String node, RunId self, Instant now) throws IOException {
        for (ClusterResource guest : client.resources(Optional.of("vm"))) {
            if (guest.node().filter(node::equals).isEmpty() || !inTheMaking(guest.tags(), imageName)) {
                continue;
            }
            Optional<RunId> run = runOf(guest.tags());
            if (run.isPresent() && !run.get().equals(self)) {
                Optional<Seen> seen = alive(guest, run.get(), now);
                if (seen.isPresent()) {
                    return seen;
                }
            }
        }
        return Optional.empty();
    }

    /** The live run of another machine that {@code guest}, tagged with {@code run}, belongs to, if it does. */
    public Optional<Seen> alive(ClusterResource guest, RunId run, Instant now) throws IOException {
        if (guest.node().isEmpty() || guest.vmid().isEmpty() || state.isLive(run)
                || Files.exists(state.journal(run))) {
            return Optional.empty();
        }
        Optional<String> description;
        try {
            description = client.vmConfig(guest.node().get(), guest.vmid().get()).get("description");
        } catch (PveApiException e) {
            if (e.kind() != PveApiException.Kind.PROXY) {
                throw e;
            }
            return Optional.empty(); // its node is down: no run is making anything there now
        }
        return description.flatMap(RunLock.Holder::parse)
                .filter(h -> h.run().equals(run) && !h.host().equals(thisHost))
                .filter(h -> Duration.between(h.started(), now).compareTo(lease) < 0)
                .map(h -> new Seen(h, guest.node().get(), guest.vmid().get()));
    }

    static boolean inTheMaking(Tags tags, String imageName) {
        return tags.contains(TemplateSpec.TAG) && tags.contains(imageName) && !tags.contains(TemplateSpec.FAILED_TAG)
                && !tags.contains(TemplateSpec.VERIFIED_TAG);
    }

    static Optional<RunId> runOf(Tags tags) {
        return tags.stream().map(RunId::fromTag).flatMap(Optional::stream).findFirst();
    }
}

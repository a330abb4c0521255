package dev.nixpve.sim.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What pvestatd writes to the RRD cache every 10 s: each VM's name, power state, template flag
 * and usage as they were at that moment (pve-manager PVE/Service/pvestatd.pm update_qemu_status,
 * $updatetime). {@code GET /cluster/resources} reads those fields from here (PVE/API2Tools.pm
 * extract_vm_stats), so they lag the config; a VM created since the last sample has none. A dead
 * node's pvestatd sends nothing: its VMs keep their last sample until pmxcfs drops it as old.
 */
public final class StatusSamples {

    public static final Duration PERIOD = Duration.ofSeconds(10);

    /** One VM as sampled: a frozen copy of its config, whether it ran, its uptime then, and when. */
    public record Sample(SimVm frozen, boolean running, long uptime, Instant at) {
    }

    private final Timeline timeline;
    private final Supplier<Collection<SimVm>> vms;
    private final Predicate<SimVm> reporting;
    private Map<Integer, Sample> samples = Map.of();

    /** @param reporting whether the VM's node is up to send its status */
    StatusSamples(Timeline timeline, Supplier<Collection<SimVm>> vms, Predicate<SimVm> reporting) {
        this.timeline = timeline;
        this.vms = vms;
        this.reporting = reporting;
        sample();
    }

    public Optional<Sample> of(int vmid) {
        return Optional.ofNullable(samples.get(vmid));
    }

    private void sample() {
        Instant now = timeline.now();
        Map<Integer, Sample> taken = new HashMap<>();
        for (SimVm vm : vms.get()) {
            if (!reporting.test(vm)) {
                Sample last = samples.get(vm.vmid());
                if (last != null && now.isBefore(last.at().plus(SimNode.STATUS_EXPIRY))) {
                    taken.put(vm.vmid(), last);
                }
                continue;
            }
            long uptime = vm.startedAt().map(at -> Duration.between(at, now).toSeconds()).orElse(0L);
            taken.put(vm.vmid(), new Sample(new SimVm(vm.vmid(), vm.node(), vm.config()), vm.running(), uptime,
                    now));
        }
        samples = Map.copyOf(taken);
        timeline.after(PERIOD, this::sample);
    }
}

package dev.nixpve.pipeline.steps;

import dev.nixpve.pipeline.steps.Recover.Resumable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The journals of dead runs whose VMs this run settles one by one (takes over or removes). Each
 * journal is closed once all its VMs are settled, not at the first: a dead cluster run left VMs on
 * several nodes, which this run's builds settle at once, and should this run die in between, the
 * next one must still find the rest journaled, with what their installs got to.
 */
public final class DeadJournals {

    private final Map<Path, Integer> unsettled = new HashMap<>();
    private final Map<Path, String> taken = new HashMap<>();

    public DeadJournals(List<Resumable> resumables) {
        resumables.forEach(r -> r.journal().ifPresent(file -> unsettled.merge(file, 1, Integer::sum)));
    }

    /**
     * {@code vm} is settled, {@code why} as its journal's end would say it; closes the journal when
     * it was its last VM (saying which VM this run took over, if it took one).
     */
    synchronized void settled(Resumable vm, String why, boolean adopted, Instant now) throws IOException {
        if (vm.journal().isEmpty()) {
            return;
        }
        Path file = vm.journal().get();
        if (adopted) {
            taken.putIfAbsent(file, why);
        }
        int left = unsettled.merge(file, -1, Integer::sum);
        if (left <= 0) {
            unsettled.remove(file);
            Recover.end(file, vm.run(), now, taken.getOrDefault(file, why));
        }
    }
}

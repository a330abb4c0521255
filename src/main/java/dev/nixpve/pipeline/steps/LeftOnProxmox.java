package dev.nixpve.pipeline.steps;

import dev.nixpve.journal.Resource;
import java.util.List;
import java.util.Optional;

/**
 * What of a failed run is on Proxmox VE after its cleanup, and how that is known: read from the
 * cluster ({@link Source#CLUSTER}), or, when the cluster could not be read, what the journal says
 * may be there ({@link Source#JOURNAL}, with {@code unreadBecause}). {@link Source#NOTHING_MADE}: the
 * run never asked PVE to make anything; {@link Source#NOT_CHECKED}: the failure is not one that
 * leaves anything to look for (publishing the outputs).
 */
public record LeftOnProxmox(Source source, List<Left> items, Optional<String> unreadBecause) {

    /** In the order of how little they know: of two parts of a run, the later one's is the whole's. */
    public enum Source { NOT_CHECKED, NOTHING_MADE, CLUSTER, JOURNAL }

    /**
     * One thing on the cluster: {@code what} it is ("installer VM", "template", "ISO"); {@code kept}:
     * the run means it to stay (a verified ISO the next run reuses, a template tagged failed, one kept
     * with --keep-failed); {@code running}: a VM that ran when read; {@code arriving}: a volume whose
     * upload task still ran when the check gave up waiting, so it may appear.
     */
    public record Left(Resource resource, String what, boolean kept, boolean running, boolean arriving) {
    }

    public LeftOnProxmox {
        items = List.copyOf(items);
    }

    public static LeftOnProxmox read(List<Left> items) {
        return new LeftOnProxmox(Source.CLUSTER, items, Optional.empty());
    }

    public static LeftOnProxmox unread(String because, List<Left> mayBeThere) {
        return new LeftOnProxmox(Source.JOURNAL, mayBeThere, Optional.of(because));
    }

    public static LeftOnProxmox nothingMade() {
        return new LeftOnProxmox(Source.NOTHING_MADE, List.of(), Optional.empty());
    }

    public static LeftOnProxmox notChecked() {
        return new LeftOnProxmox(Source.NOT_CHECKED, List.of(), Optional.empty());
    }

    /** A read of the cluster after cleanup found nothing of the run: the only case that may say so. */
    public boolean nothingLeft() {
        return source == Source.CLUSTER && items.isEmpty();
    }

    /**
     * Two parts of one run (its nodes' builds) as one: everything either found, known as surely as
     * the less sure of the two (a part that could not be read makes the whole unread).
     */
    public LeftOnProxmox and(LeftOnProxmox other) {
        Source weaker = source.compareTo(other.source) >= 0 ? source : other.source;
        List<Left> all = new java.util.ArrayList<>(items);
        other.items.stream().filter(l -> !all.contains(l)).forEach(all::add);
        return new LeftOnProxmox(weaker, all, unreadBecause.or(other::unreadBecause));
    }
}

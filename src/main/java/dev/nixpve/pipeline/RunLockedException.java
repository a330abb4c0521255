package dev.nixpve.pipeline;

import dev.nixpve.journal.RunLock;
import dev.nixpve.pipeline.steps.ForeignRuns;
import java.util.Optional;

/**
 * Another live run builds the same image on the same node: this one did nothing. The holder is
 * who wrote the lock file (empty if it died mid-write of that file, which leaves it unlocked soon).
 */
public final class RunLockedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String image;
    private final String node;
    private final transient Optional<RunLock.Holder> holder;

    public RunLockedException(String image, String node, Optional<RunLock.Holder> holder) {
        this(image, node, holder, holder.map(RunLock.Holder::describe).orElse("its holder is not known yet"));
    }

    private RunLockedException(String image, String node, Optional<RunLock.Holder> holder, String who) {
        super("another nixpve run is building image " + image + " on " + node + ": " + who + "; nothing was done");
        this.image = image;
        this.node = node;
        this.holder = holder;
    }

    /** A run of another machine, seen on the cluster by a VM it is making. */
    public static RunLockedException seenOnTheCluster(String image, String node, ForeignRuns.Seen seen) {
        return new RunLockedException(image, node, Optional.of(seen.holder()), seen.describe());
    }

    public String image() {
        return image;
    }

    public String node() {
        return node;
    }

    public Optional<RunLock.Holder> holder() {
        return holder;
    }
}

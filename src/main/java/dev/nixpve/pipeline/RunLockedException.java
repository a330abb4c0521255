package dev.nixpve.pipeline;

import dev.nixpve.journal.RunLock;
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
        super("another nixpve run is building image " + image + " on " + node + ": "
                + holder.map(RunLock.Holder::describe).orElse("its holder is not known yet") + "; nothing was done");
        this.image = image;
        this.node = node;
        this.holder = holder;
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

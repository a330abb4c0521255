package dev.nixpve.ssh;

/** Told how far a transfer is: {@code done} of {@code total} bytes. Called from the transferring thread. */
@FunctionalInterface
public interface TransferProgress {

    void update(long done, long total);

    static TransferProgress none() {
        return (done, total) -> { };
    }
}

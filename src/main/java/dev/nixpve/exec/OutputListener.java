package dev.nixpve.exec;

/** Receives a process's output line by line as it arrives; called from reader threads, so must be thread-safe. */
@FunctionalInterface
public interface OutputListener {

    enum Stream { STDOUT, STDERR }

    void line(Stream stream, String line);

    static OutputListener discard() {
        return (stream, line) -> { };
    }
}

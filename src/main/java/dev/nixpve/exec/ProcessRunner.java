package dev.nixpve.exec;

import java.io.IOException;

/**
 * Runs a process to its end, streaming its output; the seam through which builders start nix or
 * docker, so tests substitute a fake. A process that outlives its timeout, or whose caller is
 * interrupted, is stopped together with everything it started.
 */
public interface ProcessRunner {

    /**
     * @throws IOException when the process cannot be started (missing program, bad directory)
     * @throws InterruptedException when the calling thread was interrupted; the process tree is gone by then
     */
    ProcessResult run(ProcessSpec spec, OutputListener output) throws IOException, InterruptedException;
}

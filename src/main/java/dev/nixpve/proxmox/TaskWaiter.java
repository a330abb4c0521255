package dev.nixpve.proxmox;

import dev.nixpve.monitor.Sleeper;
import dev.nixpve.monitor.WaitSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a PVE task to stop. Fails fast with the exit status and the log tail when the task
 * fails, and with what was expected and seen last when the timeout runs out.
 */
public final class TaskWaiter {

    static final int LOG_TAIL_LINES = 20;

    private final ProxmoxClient client;
    private final Clock clock;
    private final Sleeper sleeper;

    public TaskWaiter(ProxmoxClient client, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A wait for {@code upid} with PVE-appropriate wording: "task qmcreate 9100 on node pve1 to finish". */
    public static WaitSpec waitFor(Upid upid, Duration timeout, Duration pollInterval) {
        return new WaitSpec("task " + upid.type() + (upid.id().isEmpty() ? "" : " " + upid.id()) + " on node "
                + upid.node() + " to finish", timeout, pollInterval);
    }

    public TaskStatus await(Upid upid, Duration timeout, Duration pollInterval, ResourceRef about) {
        WaitSpec spec = waitFor(upid, timeout, pollInterval);
        Instant deadline = clock.instant().plus(spec.timeout());
        while (true) {
            TaskStatus status = client.taskStatus(upid);
            if (!status.running()) {
                if (status.failed()) {
                    throw new PveTaskFailedException(status, client.taskLogTail(upid, LOG_TAIL_LINES), about);
                }
                return status;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new PveTimeoutException(spec, "task still running", about);
            }
            try {
                sleeper.sleep(spec.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PveTimeoutException(spec, "interrupted while the task was running", about);
            }
        }
    }
}

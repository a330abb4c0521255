package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.PveTimeoutException;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.Upid;

import dev.nixpve.wait.Poll;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.wait.WaitSpec;
import java.time.Clock;
import java.time.Duration;

/**
 * Waits for a PVE task to stop. Fails fast with the exit status and the log tail when the task
 * fails, and with what was expected and seen last when the timeout runs out.
 */
public final class TaskWaiter {

    static final int LOG_TAIL_LINES = 20;

    private final ProxmoxClient client;
    private final Poller poller;

    public TaskWaiter(ProxmoxClient client, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.poller = new Poller(clock, sleeper);
    }

    /** The poll loop this waiter waits with, for waits on other things than a task. */
    public Poller poller() {
        return poller;
    }

    /**
     * A wait for {@code upid} with PVE-appropriate wording: "task qmcreate 9100 on node pve1 to
     * finish". Most tasks (a config change, a start) end within a second, so the first look comes
     * after {@link #FIRST_LOOK}, and the interval grows from there.
     */
    public static WaitSpec waitFor(Upid upid, Duration timeout, Duration pollInterval) {
        WaitSpec spec = new WaitSpec("task " + upid.type() + (upid.id().isEmpty() ? "" : " " + upid.id())
                + " on node " + upid.node() + " to finish", timeout, pollInterval);
        return FIRST_LOOK.compareTo(pollInterval) < 0 ? spec.backingOffFrom(FIRST_LOOK) : spec;
    }

    static final Duration FIRST_LOOK = Duration.ofMillis(200);

    public TaskStatus await(Upid upid, Duration timeout, Duration pollInterval, ResourceRef about) {
        WaitSpec spec = waitFor(upid, timeout, pollInterval);
        try {
            return poller.await(spec, () -> {
                TaskStatus status = client.taskStatus(upid);
                if (status.running()) {
                    return Poll.notYet("task still running");
                }
                if (status.failed()) {
                    throw new PveTaskFailedException(status, client.taskLogTail(upid, LOG_TAIL_LINES), about);
                }
                return Poll.done(status);
            }).orElseThrow(seen -> new PveTimeoutException(spec, seen, about));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PveTimeoutException(spec, "interrupted while the task was running", about);
        }
    }
}

package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveConnectionException;
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
     * Waits on something other than a task (a VM's lock, a clone reaching its node): the probe's
     * result, or at the timeout, or when interrupted, a PveTimeoutException about {@code about}
     * saying what was expected and seen last.
     */
    public <T> T until(WaitSpec spec, ResourceRef about, Poller.Probe<T, RuntimeException> probe) {
        try {
            return poller.await(spec, probe)
                    .orElseThrow(seen -> new PveTimeoutException(spec, seen, about));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PveTimeoutException(spec, "interrupted", about);
        }
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

    /** Looks in a row whose status read failed, after which the wait reports the read's failure. */
    static final int UNREAD_LOOKS = 3;

    /** A status read that failed for a passing cause (the transport already tried it again) says nothing of the task. */
    private static boolean passing(RuntimeException unread) {
        return unread instanceof PveConnectionException broken
                && broken.kind() != PveConnectionException.Kind.UNTRUSTED_CERTIFICATE
                && broken.kind() != PveConnectionException.Kind.FINGERPRINT_MISMATCH
                || unread instanceof PveApiException api && (api.kind() == PveApiException.Kind.TRANSIENT
                || api.kind() == PveApiException.Kind.PROXY);
    }

    public TaskStatus await(Upid upid, Duration timeout, Duration pollInterval, ResourceRef about) {
        WaitSpec spec = waitFor(upid, timeout, pollInterval);
        int[] unreadInARow = {0};
        try {
            return poller.await(spec, () -> {
                TaskStatus status;
                try {
                    status = client.taskStatus(upid);
                    unreadInARow[0] = 0;
                } catch (PveApiException | PveConnectionException unread) {
                    if (!passing(unread) || ++unreadInARow[0] >= UNREAD_LOOKS) {
                        throw unread;
                    }
                    // The task runs on whether or not its status can be read: look again until its
                    // real outcome is known (a few looks, each a read the transport already retried).
                    return Poll.notYet("its status could not be read: " + unread.getMessage());
                }
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

package dev.nixpve.monitor;

import dev.nixpve.config.InstallSettings;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.InstallPhaseEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.proxmox.AgentAnswers;
import dev.nixpve.proxmox.model.AgentFile;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.VmStatus;
import dev.nixpve.wait.Poll;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.wait.WaitSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Watches the unattended install: every poll it reads the installer's progress file through the
 * guest agent and the VM's power state. It fails fast on {@code failed} (with the installer's log
 * tail), on a phase that outlasts {@code install.phaseTimeout}, on the whole install outlasting
 * {@code install.timeout}, and on a power-off before {@code done}. When the agent stays silent
 * longer than {@code install.agentGrace} it says so and watches only the power state.
 * Completion: the VM is powered off after {@code done}.
 */
public final class InstallMonitor {

    private final ProxmoxClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;

    public InstallMonitor(ProxmoxClient client, Clock clock, Sleeper sleeper, EventSink events) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
    }

    public InstallOutcome watch(String node, int vmid, InstallSettings limits)
            throws InstallFailedException, InterruptedException {
        Watch watch = new Watch(node, vmid, limits, clock.instant());
        WaitSpec spec = new WaitSpec("VM " + vmid + " on " + node + " to finish its install and power off",
                limits.timeout(), limits.pollInterval());
        return new Poller(clock, sleeper).await(spec, watch::look).orElseThrow(seen -> new InstallFailedException(
                InstallFailedException.Reason.TIMED_OUT, "the install did not finish within "
                        + minutes(limits.timeout()) + " (install.timeout)" + describe(watch.last), watch.last.map(InstallProgress::log).orElse(List.of())));
    }

    /** One install being watched: what was heard last and since when; each look is one poll. */
    private final class Watch {
        private final String node;
        private final int vmid;
        private final InstallSettings limits;
        private Instant lastHeard;
        private Instant phaseSince;
        private Optional<InstallProgress> last = Optional.empty();
        private boolean fallenBack;

        Watch(String node, int vmid, InstallSettings limits, Instant start) {
            this.node = node;
            this.vmid = vmid;
            this.limits = limits;
            this.lastHeard = start;
            this.phaseSince = start;
        }

        Poll<InstallOutcome> look() throws InstallFailedException {
            Optional<InstallProgress> read = read(node, vmid);
            Instant now = clock.instant();
            if (read.isPresent()) {
                heard(read.get(), now);
            } else if (!fallenBack && Duration.between(lastHeard, now).compareTo(limits.agentGrace()) > 0) {
                fallenBack = true;
                events.emit(LogEvent.warn("the guest agent has been silent for " + minutes(limits.agentGrace())
                        + "; watching the VM's power state instead (install.agentGrace)"));
            }
            VmStatus status = client.vmStatus(node, vmid);
            if (status.stopped()) {
                return Poll.done(stopped(last, fallenBack || last.isEmpty()));
            }
            if (last.isPresent() && !last.get().phase().isFinal()
                    && Duration.between(phaseSince, now).compareTo(limits.phaseTimeout()) > 0) {
                throw new InstallFailedException(InstallFailedException.Reason.PHASE_TIMED_OUT, "the installer "
                        + "stayed in phase '" + last.get().phase().wireName() + "' longer than "
                        + minutes(limits.phaseTimeout()) + " (install.phaseTimeout)", last.get().log());
            }
            return Poll.notYet("VM running" + describe(last));
        }

        private void heard(InstallProgress progress, Instant now) throws InstallFailedException {
            lastHeard = now;
            if (fallenBack) {
                events.emit(LogEvent.info("guest agent answers again; following the installer's progress"));
                fallenBack = false;
            }
            boolean newPhase = last.isEmpty() || last.get().phase() != progress.phase();
            if (newPhase) {
                phaseSince = now;
            }
            if (newPhase || last.get().percent() != progress.percent()) {
                events.emit(new InstallPhaseEvent(progress.phase().wireName(), progress.percent(),
                        progress.message()));
            }
            last = Optional.of(progress);
            if (progress.phase() == InstallProgress.Phase.FAILED) {
                throw new InstallFailedException(InstallFailedException.Reason.INSTALLER_FAILED,
                        "the installer failed: " + progress.message(), progress.log());
            }
        }
    }

    private InstallOutcome stopped(Optional<InstallProgress> last, boolean unobserved)
            throws InstallFailedException {
        if (last.isPresent() && last.get().phase() == InstallProgress.Phase.DONE) {
            return new InstallOutcome(true, last);
        }
        if (last.isPresent() && !unobserved) {
            throw new InstallFailedException(InstallFailedException.Reason.POWERED_OFF_EARLY, "the VM powered off "
                    + "during phase '" + last.get().phase().wireName() + "'" + describe(last), last.get().log());
        }
        events.emit(LogEvent.warn("the VM powered off while the guest agent was silent; the install's outcome is "
                + "not confirmed, the template checks and the smoke test will tell"));
        return new InstallOutcome(false, last);
    }

    private Optional<InstallProgress> read(String node, int vmid) {
        try {
            AgentFile file = client.agentFileRead(node, vmid, InstallProgress.PATH);
            if (file.truncated()) {
                return Optional.empty(); // PVE stopped at its read limit: not the installer's small file
            }
            return Optional.of(InstallProgress.parse(file.content()));
        } catch (ProxmoxException e) {
            if (AgentAnswers.isNoNews(e)) {
                return Optional.empty(); // the agent is not up yet, or the file is not written yet
            }
            throw e;
        } catch (IllegalArgumentException halfWritten) {
            return Optional.empty(); // between phases while the installer replaces the file
        }
    }

    private static String describe(Optional<InstallProgress> last) {
        return last.map(p -> "; last phase '" + p.phase().wireName() + "' at " + p.percent() + "%: " + p.message())
                .orElse("; the installer never reported progress");
    }

    private static String minutes(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
    }
}

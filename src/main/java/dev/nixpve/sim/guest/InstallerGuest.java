package dev.nixpve.sim.guest;

import dev.nixpve.sim.state.GuestInterface;

import dev.nixpve.sim.state.Guest;

import dev.nixpve.sim.fault.GuestFaults;

import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.monitor.InstallProgress.Phase;
import dev.nixpve.sim.state.StoredVolume;
import dev.nixpve.sim.state.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nixpve installer ISO booted in a VM: it runs the unattended install the real installer
 * script runs, phase by phase over the install duration, writes {@link InstallProgress#PATH} at
 * each phase, and powers the VM off at the end, as the real one does. Its safety guard refuses to
 * touch the disk unless the VM's SMBIOS serial equals the ISO's build token.
 */
public final class InstallerGuest implements Guest {

    /**
     * The smallest disk the installer accepts, 8 GiB, as the real script checks. Stated here, not
     * taken from nixpve's config, because the guest stands apart from the product; a test keeps the
     * two equal.
     */
    public static final long MIN_DISK_BYTES = 8L << 30;

    /** The real installer keeps its final state readable this long before powering off (monitors poll). */
    public static final Duration DONE_HOLD = InstallProgress.DONE_HOLD;
    public static final Duration FAILED_HOLD = InstallProgress.FAILED_HOLD;

    private static final int LOG_LINES = 10;

    private final Timeline timeline;
    private final String buildToken;
    private final Optional<String> smbiosSerial;
    private final Optional<TargetDisk> disk;
    private final Duration installTime;
    private final GuestFaults faults;
    private final Runnable powerOff;
    private final Instant bootedAt;
    private final List<String> log = new ArrayList<>();
    private boolean powered = true;
    private InstallProgress progress;
    private Instant installStartedAt;

    /** The disk the installer targets: the first on the configured bus. */
    public record TargetDisk(String device, StoredVolume volume) {
    }

    public InstallerGuest(Timeline timeline, String buildToken, Optional<String> smbiosSerial,
                          Optional<TargetDisk> disk, Duration installTime, GuestFaults faults, Runnable powerOff) {
        this.timeline = timeline;
        this.buildToken = buildToken;
        this.smbiosSerial = smbiosSerial;
        this.disk = disk;
        this.installTime = installTime;
        this.faults = faults;
        this.powerOff = powerOff;
        this.bootedAt = timeline.now();
        at(0.10, this::guard);
    }

    @Override
    public boolean agentResponding() {
        return powered && !faults.agentSilent() && !timeline.now().isBefore(bootedAt.plus(fraction(0.10)));
    }

    @Override
    public Optional<String> readFile(String path) {
        if (!path.equals(InstallProgress.PATH) || progress == null) {
            return Optional.empty();
        }
        return Optional.of(current().toJson() + "\n");
    }

    @Override
    public List<GuestInterface> interfaces() {
        return List.of(GuestInterface.loopback());
    }

    @Override
    public boolean honoursShutdown() {
        return true;
    }

    @Override
    public void mediaRemoved() {
        if (powered && (progress == null || !progress.phase().isFinal())) {
            fail("I/O error reading the installation medium: /dev/sr0 is gone");
        }
    }

    @Override
    public void powerLost() {
        powered = false;
    }

    private void guard() {
        if (!powered) {
            return;
        }
        String serial = smbiosSerial.orElse("");
        if (!serial.equals(buildToken)) {
            write(Phase.GUARD, 2, "refusing to install: SMBIOS serial '" + serial + "' is not this ISO's build "
                    + "token; no disk was touched");
            fail("safety guard: this machine's SMBIOS serial does not match the build token; powering off");
            return;
        }
        write(Phase.GUARD, 2, "SMBIOS serial matches the build token");
        if (failsAt(Phase.GUARD)) {
            return;
        }
        at(0.15, this::partition);
    }

    private void partition() {
        if (!powered) {
            return;
        }
        if (disk.isEmpty()) {
            write(Phase.PARTITION, 10, "looking for the target disk");
            fail("no target disk: the VM has no disk on the configured bus (/dev/sda for SCSI, /dev/vda for virtio)");
            return;
        }
        TargetDisk target = disk.get();
        if (target.volume().size() < MIN_DISK_BYTES) {
            write(Phase.PARTITION, 10, "checking " + target.device());
            fail("target disk " + target.device() + " has " + (target.volume().size() >> 20) + " MiB; at least "
                    + (MIN_DISK_BYTES >> 20) + " MiB are needed");
            return;
        }
        write(Phase.PARTITION, 10, "partitioning " + target.device() + ": gpt, bios_grub 1MiB, LVM on the rest");
        if (!failsAt(Phase.PARTITION)) {
            at(0.25, this::format);
        }
    }

    private void format() {
        if (!powered) {
            return;
        }
        write(Phase.FORMAT, 20, "vgcreate nixpve; lvcreate swap, root; mkfs.ext4 -L nixos /dev/nixpve/root");
        if (!failsAt(Phase.FORMAT)) {
            at(0.35, this::install);
        }
    }

    private void install() {
        if (!powered) {
            return;
        }
        installStartedAt = timeline.now();
        write(Phase.INSTALL, 30, "nixos-install --no-root-passwd --system /nix/store/...-nixos-system-" + buildToken);
        if (faults.installHangs() || failsAt(Phase.INSTALL)) {
            return;
        }
        at(0.90, this::bootloader);
    }

    private void bootloader() {
        if (!powered) {
            return;
        }
        write(Phase.BOOTLOADER, 90, "grub-install --target=i386-pc " + disk.orElseThrow().device());
        if (!failsAt(Phase.BOOTLOADER)) {
            at(1.0, this::done);
        }
    }

    private void done() {
        if (!powered) {
            return;
        }
        disk.orElseThrow().volume().installedBuild(buildToken);
        write(Phase.DONE, 100, "installation complete; syncing and powering off in "
                + DONE_HOLD.toSeconds() + " s");
        timeline.after(DONE_HOLD, this::powerOffNow);
    }

    private boolean failsAt(Phase phase) {
        if (faults.installFailAt().filter(phase::equals).isPresent()) {
            fail("injected failure in phase " + phase.wireName());
            return true;
        }
        return false;
    }

    private void fail(String message) {
        log(message);
        progress = new InstallProgress(InstallProgress.FORMAT_VERSION, Phase.FAILED,
                progress == null ? 0 : progress.percent(), message, bootedAt, timeline.now(), List.copyOf(log));
        timeline.after(FAILED_HOLD, this::powerOffNow);
    }

    private void powerOffNow() {
        if (powered) {
            powerOff.run();
        }
    }

    private void write(Phase phase, int percent, String message) {
        log(phase.wireName() + ": " + message);
        progress = new InstallProgress(InstallProgress.FORMAT_VERSION, phase, percent, message, bootedAt,
                timeline.now(), List.copyOf(log));
    }

    /** The install phase's percentage grows while nixos-install copies the closure. */
    private InstallProgress current() {
        if (progress.phase() != Phase.INSTALL || installStartedAt == null) {
            return progress;
        }
        double elapsed = Duration.between(installStartedAt, timeline.now()).toMillis();
        double share = Math.min(1.0, elapsed / Math.max(1, fraction(0.55).toMillis()));
        int ceiling = faults.installHangs() ? 47 : 85;
        int percent = (int) Math.min(ceiling, 30 + share * 55);
        return new InstallProgress(progress.version(), progress.phase(), percent, progress.message(),
                progress.startedAt(), progress.updatedAt(), progress.log());
    }

    private void log(String line) {
        log.add(line);
        while (log.size() > LOG_LINES) {
            log.remove(0);
        }
    }

    private void at(double share, Runnable step) {
        timeline.at(bootedAt.plus(fraction(share)), step);
    }

    private Duration fraction(double share) {
        return Duration.ofMillis((long) (installTime.toMillis() * share));
    }
}

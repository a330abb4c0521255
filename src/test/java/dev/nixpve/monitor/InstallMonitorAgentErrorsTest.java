package dev.nixpve.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.config.InstallSettings;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.PveWireMock;
import dev.nixpve.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The install monitor swallows only the agent answers that mean "no news yet"; a refusal of the
 * token (401, 403) or of the call (400) fails the watch at once, naming what PVE refused, instead of
 * waiting out install.timeout and publishing an install nobody watched.
 */
class InstallMonitorAgentErrorsTest {

    private static final String FILE_READ = "/nodes/pve/qemu/100/agent/file-read";
    private static final InstallSettings LIMITS = new InstallSettings(Duration.ofMinutes(30),
            Duration.ofMinutes(20), Duration.ofMinutes(5), Duration.ofSeconds(5));

    private final FakeClock clock = new FakeClock();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "403|Permission check failed (/vms/100, VM.GuestAgent.FileRead)|VM.GuestAgent.FileRead",
        "401|invalid token value!|invalid token value!",
        "400|Parameter verification failed.|Parameter verification failed."})
    void refusalsFailAtOnce(int status, String reason, String named) {
        try (PveWireMock pve = new PveWireMock(); ProxmoxClient client = pve.client()) {
            pve.answer("GET", FILE_READ, status, reason, "");
            pve.replay("GET", "/nodes/pve/qemu/100/status/current", "qemu-status-current.get.200.running.pve8.json");

            PveApiException refused = assertThrows(PveApiException.class,
                    () -> monitor(client).watch("pve", 100, LIMITS));

            assertTrue(refused.getMessage().contains(named), refused.getMessage());
            assertEquals(List.of(), clock.sleeps(), "no poll after a refusal");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "QEMU guest agent is not running",
        "No QEMU guest agent configured",
        "VM 100 is not running",
        "Agent error: Failed to open file '/run/nixpve/progress.json': No such file or directory"})
    void noNewsKeepsWatchingUntilTheInstallTimeout(String reason) {
        try (PveWireMock pve = new PveWireMock(); ProxmoxClient client = pve.client()) {
            pve.answer("GET", FILE_READ, 500, reason, "{\"data\":null,\"message\":\"" + reason + "\\n\"}");
            pve.replay("GET", "/nodes/pve/qemu/100/status/current", "qemu-status-current.get.200.running.pve8.json");

            InstallFailedException timedOut = assertThrows(InstallFailedException.class,
                    () -> monitor(client).watch("pve", 100, LIMITS));

            assertTrue(timedOut.getMessage().contains("install.timeout"), timedOut.getMessage());
        }
    }

    /**
     * PVE stops file-read at 16 MiB and then says {@code truncated: 1} (qemu-server
     * API2/Qemu/Agent.pm file-read); those first bytes are not the installer's small progress
     * file, even when they parse as one, so they must not confirm an install.
     */
    @Test
    void aTruncatedReadIsNotTakenForTheProgressFile() throws Exception {
        try (PveWireMock pve = new PveWireMock(); ProxmoxClient client = pve.client()) {
            String done = new InstallProgress(1, InstallProgress.Phase.DONE, 100, "installed", clock.instant(),
                    clock.instant(), List.of()).toJson();
            String json = new ObjectMapper().writeValueAsString(Map.of("data", Map.of("content", done,
                    "bytes-read", 16 * 1024 * 1024, "truncated", 1)));
            pve.answer("GET", FILE_READ, 200, "OK", json);
            pve.replay("GET", "/nodes/pve/qemu/100/status/current", "qemu-status-current.get.200.stopped.pve62.json");

            InstallOutcome outcome = monitor(client).watch("pve", 100, LIMITS);

            assertFalse(outcome.confirmed());
            assertEquals(Optional.empty(), outcome.lastProgress());
        }
    }

    private InstallMonitor monitor(ProxmoxClient client) {
        return new InstallMonitor(client, clock, clock, EventSink.discard());
    }
}

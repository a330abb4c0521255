package dev.nixpve.proxmox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nixpve.proxmox.model.PveApiException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PVE answers passing failures and domain errors alike with a 500; only the text tells them apart.
 * Passing: pve-common Tools.pm (lock_file_full, run_command), pve-cluster Cluster.pm (cfs_lock),
 * pmxcfs IPC. Domain: qemu-server API2/Qemu.pm and QemuServer.pm, pve-guest-common AbstractConfig.pm.
 */
class TransientErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout | TRANSIENT",
            "cfs-lock 'file-replication_cfg' error: got lock request timeout | TRANSIENT",
            "ipcc_send_rec[1] failed: Connection refused | TRANSIENT",
            "VM 100 qmp command 'query-status' failed - got timeout | TRANSIENT",
            "injected failure (http-500 fault) on GET /version: got timeout | TRANSIENT",
            "Configuration file 'nodes/pve/qemu-server/100.conf' does not exist | NOT_FOUND",
            "unable to create VM 100: config file already exists | ALREADY_EXISTS",
            "VM is locked (backup) | LOCKED",
            "you can't convert a template to a template | SERVER",
            "VM 100 already running | SERVER",
            "QEMU guest agent is not running | SERVER"})
    void a500IsTransientOnlyForAPassingCause(String message, Kind kind) {
        assertEquals(kind, ErrorTranslator.kind(500, message));
    }
}

package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP errors become domain errors in one place: 401, 403, 400, PVE's 500 variants, 501, 59x. */
class ErrorTranslationTest {

    private final PveWireMock pve = new PveWireMock();
    private final ProxmoxClient client = pve.client();

    @AfterEach
    void stop() {
        client.close();
        pve.close();
    }

    @Test
    void badTokenIs401WithAnEmptyBodyAndNeverShowsTheSecret() {
        pve.answer("GET", "/version", 401, "invalid token value!", "");

        PveApiException error = assertThrows(PveApiException.class, client::version);

        assertEquals(PveApiException.Kind.AUTHENTICATION, error.kind());
        assertEquals("invalid token value!", error.pveMessage());
        assertEquals("API token root@pam!nixpve=***", error.identity());
        assertFalse(error.getMessage().contains(PveWireMock.TOKEN_SECRET));
    }

    @Test
    void missingPrivilegeIsNamedFromThePermissionCheckText() {
        pve.answer("POST", "/nodes/pve1/qemu", 403, "Permission check failed (/vms/9100, VM.Allocate)",
                "{\"data\":null}");

        PveApiException error = assertThrows(PveApiException.class,
                () -> client.createVm("pve1", 9100, PveParams.of()));

        assertEquals(PveApiException.Kind.PERMISSION, error.kind());
        assertEquals(new PveApiException.MissingPrivilege("/vms/9100", "VM.Allocate"),
                error.missingPrivilege().orElseThrow());
    }

    @Test
    void parameterErrorsKeepEachParameter() {
        pve.answer("POST", "/nodes/pve1/qemu", 400, "Parameter verification failed.",
                "{\"errors\":{\"memory\":\"type check ('integer') failed - got 'lots'\\n\","
                        + "\"storage\":\"storage 'local' does not support vm images\\n\"},\"data\":null}");

        PveApiException error = assertThrows(PveApiException.class,
                () -> client.createVm("pve1", 9100, PveParams.of().put("memory", "lots")));

        assertEquals(PveApiException.Kind.INVALID_PARAMETER, error.kind());
        assertEquals("type check ('integer') failed - got 'lots'", error.parameterErrors().get("memory"));
        assertTrue(error.getMessage().contains("storage: storage 'local' does not support vm images"),
                error.getMessage());
    }

    @Test
    void lockedVmAndStaleDigestAreToldApart() {
        pve.answer("POST", "/nodes/pve1/qemu/9100/config", 500, "VM is locked (create)",
                "{\"data\":null,\"message\":\"VM is locked (create)\\n\"}");
        PveApiException locked = assertThrows(PveApiException.class,
                () -> client.updateVmConfig("pve1", 9100, PveParams.of().put("cores", 2), Optional.empty()));
        assertEquals(PveApiException.Kind.LOCKED, locked.kind());
        assertEquals("VM is locked (create)", locked.pveMessage());

        pve.server().resetMappings();
        pve.answer("PUT", "/nodes/pve1/qemu/9100/config", 500, "checksum mismatch (file change by other user?)",
                "{\"data\":null}");
        PveApiException stale = assertThrows(PveApiException.class,
                () -> client.setVmConfig("pve1", 9100, PveParams.of().put("cores", 2), Optional.of("abc")));
        assertEquals(PveApiException.Kind.DIGEST_MISMATCH, stale.kind());
    }

    @Test
    void unknownPathIs501AndAProxyFailureIs59x() {
        pve.answer("GET", "/nodes/pve1/qemu/9100/agent/file-read", 501,
                "Method 'GET /nodes/pve1/qemu/9100/agent/file-read' not implemented", "");
        PveApiException notImplemented = assertThrows(PveApiException.class,
                () -> client.agentFileRead("pve1", 9100, "/x"));
        assertEquals(PveApiException.Kind.NOT_IMPLEMENTED, notImplemented.kind());

        pve.server().resetMappings();
        pve.answer("POST", "/nodes/pve2/qemu/9100/status/start", 595, "Connection refused", "");
        PveApiException proxy = assertThrows(PveApiException.class, () -> client.startVm("pve2", 9100));
        assertEquals(PveApiException.Kind.PROXY, proxy.kind());
        assertEquals("node pve2", proxy.resource().node().map(n -> "node " + n).orElseThrow());
    }

    @Test
    void missingStorageOnUploadIsNotFound() {
        // pve-storage Status.pm read_status: raise_param_exc({storage => "No such storage."})
        pve.answer("GET", "/nodes/pve1/storage/nas/status", 400, "Parameter verification failed.",
                "{\"data\":null,\"errors\":{\"storage\":\"No such storage.\"},"
                        + "\"message\":\"Parameter verification failed.\\n\"}");

        PveApiException error = assertThrows(PveApiException.class, () -> client.storageStatus("pve1", "nas"));

        assertEquals(PveApiException.Kind.NOT_FOUND, error.kind());
        assertEquals("nas", error.resource().storage().orElseThrow());
        assertTrue(error.getMessage().contains("storage nas on node pve1"), error.getMessage());
    }
}

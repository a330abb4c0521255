package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.sim.guest.StandInIso;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where pveproxy refuses an upload, and when: before the body (transfer encoding, authentication,
 * the upload privilege; pve-http-server's AnyEvent.pm and pve-manager's HTTPServer.pm auth_handler)
 * or only once the body is spooled (everything the upload method in pve-storage's Status.pm checks);
 * and nixpve's upload meets each refusal with the domain error that names it.
 */
class SimUploadRefusalsTest {

    private static final String UPLOAD_PVE2 = "/api2/json/nodes/pve2/storage/local/upload";
    private static final String LIMITED = "nixpve@pve!build=11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;

    SimHarness sim = new SimHarness(List.of("node-offline=pve2"));

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void chunkedUploadsGetA501WithThePlainTextReason() throws Exception {
        RawHttps.Response chunked = sim.http.send("POST", SimUploadTest.UPLOAD, Map.of("Authorization",
                "PVEAPIToken=" + sim.token(), "Content-Type", "multipart/form-data; boundary=b",
                "Transfer-Encoding", "chunked"), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(501, chunked.status());
        assertEquals("chunked transfer encoding not supported", chunked.reason());
        assertEquals("chunked transfer encoding not supported", chunked.body());
        assertNull(chunked.header("Content-Type"), "AnyEvent.pm's error() sets no content type");
        assertEquals("close", chunked.header("Connection"));
    }

    @Test
    void aMissingUploadPrivilegeIsRefusedBeforeTheBodyEvenForAnOfflineNode() throws Exception {
        sim.simulator.addToken("nixpve@pve!build", "11111111-2222-3333-4444-555555555555",
                Map.of("/storage", Set.of("Datastore.Audit")));
        RawHttps.Response refused = sim.http.sendHead("POST", UPLOAD_PVE2, Map.of("Authorization",
                "PVEAPIToken=" + LIMITED, "Content-Type", "multipart/form-data; boundary=b"), 1L << 30);
        assertEquals(403, refused.status());
        assertEquals("Permission check failed (/storage/local, Datastore.AllocateTemplate)", refused.reason());
        assertEquals("", refused.body(), "auth_handler's failures carry no body");
        assertEquals("close", refused.header("Connection"));
    }

    @Test
    void anOfflineTargetNodeFailsOnlyAfterTheBodyWithCantActivateStorage() throws Exception {
        Path iso = dir.resolve("z.iso");
        StandInIso.write(iso, "t", "NIXPVE");
        PveApiException refused = assertThrows(PveApiException.class, () -> sim.client.upload("pve2", "local",
                UploadRequest.iso(iso, "z.iso", SimUploadTest.sha256(iso)), EventSink.discard()));
        assertEquals(500, refused.httpStatus());
        assertTrue(refused.pveMessage().startsWith("can't activate storage 'local' on node 'pve2': command "),
                refused.pveMessage());
        assertTrue(refused.pveMessage().contains("failed: exit code 255"), refused.pveMessage());
    }

    @Test
    void withoutContentLengthTheBodyIsNotReadAndTheParametersAreMissing() throws Exception {
        RawHttps.Response noLength = sim.http.send("POST", SimUploadTest.UPLOAD, Map.of("Authorization",
                "PVEAPIToken=" + sim.token(), "Content-Type", "multipart/form-data; boundary=b"), null);
        assertEquals(400, noLength.status(), noLength.reason());
        assertTrue(noLength.body().contains("\"content\":\"property is missing and it is not optional\""),
                noLength.body());
        assertTrue(noLength.body().contains("\"filename\":\"property is missing and it is not optional\""),
                noLength.body());
    }

    @Test
    void aMissingUploadPrivilegeIsAPermissionErrorEvenWhenTheBodyIsLargerThanTheSocketBuffers() throws Exception {
        sim.simulator.addToken("nixpve@pve!build", "11111111-2222-3333-4444-555555555555",
                Map.of("/storage", Set.of("Datastore.Audit")));
        Map<String, String> environment = new HashMap<>(sim.simulator.environment());
        environment.put("PROXMOX_VE_API_TOKEN", "nixpve@pve!build=11111111-2222-3333-4444-555555555555");
        Path large = sized("large.iso", 64L << 20);
        try (ProxmoxClient limited = sim.connect(environment)) {
            PveApiException refused = assertThrows(PveApiException.class, () -> limited.upload("pve1", "local",
                    UploadRequest.iso(large, "large.iso", "00".repeat(32)), EventSink.discard()));
            assertEquals(PveApiException.Kind.PERMISSION, refused.kind());
            assertEquals(new PveApiException.MissingPrivilege("/storage/local", "Datastore.AllocateTemplate"),
                    refused.missingPrivilege().orElseThrow());
        }
    }

    @Test
    void anOfflineTargetNodeIsAServerErrorNamingTheStorageAndNode() throws Exception {
        Path small = sized("small.iso", 1L << 20);
        PveApiException refused = assertThrows(PveApiException.class, () -> sim.client.upload("pve2", "local",
                UploadRequest.iso(small, "small.iso", "00".repeat(32)), EventSink.discard()));
        assertEquals(PveApiException.Kind.SERVER, refused.kind());
        assertEquals(500, refused.httpStatus());
        assertTrue(refused.getMessage().contains("can't activate storage 'local' on node 'pve2'"),
                refused.getMessage());
    }

    private Path sized(String name, long bytes) throws Exception {
        Path file = dir.resolve(name);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block);
            }
        }
        return file;
    }
}

package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.sim.guest.StandInIso;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PVE's upload rules: strict multipart, Content-Length required, checks in the imgcopy task, overwrite. */
class SimUploadTest {

    static final String UPLOAD = "/api2/json/nodes/pve1/storage/local/upload";

    @TempDir
    Path dir;

    SimHarness sim = new SimHarness();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void theServerVerifiesTheSha256InsideTheTask() throws Exception {
        Path iso = iso("a.iso", "token-a");
        PveTaskFailedException mismatch = assertThrows(PveTaskFailedException.class, () -> sim.await(
                sim.client.upload("pve1", "local", UploadRequest.iso(iso, "a.iso", "00".repeat(32)),
                        EventSink.discard())));
        assertTrue(mismatch.getMessage().contains("checksum mismatch: got '" + sha256(iso) + "' != expect '"),
                mismatch.getMessage());
        assertTrue(content().isEmpty());
    }

    @Test
    void anExistingFileIsSilentlyOverwritten() throws Exception {
        Path first = iso("first.iso", "one");
        Path second = dir.resolve("second.iso");
        StandInIso.write(second, "two-with-a-longer-token", "NIXPVE");
        Files.write(second, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        sim.await(sim.client.upload("pve1", "local", UploadRequest.iso(first, "same.iso", sha256(first)),
                EventSink.discard()));
        sim.await(sim.client.upload("pve1", "local", UploadRequest.iso(second, "same.iso", sha256(second)),
                EventSink.discard()));
        List<StorageVolume> volumes = content();
        assertEquals(1, volumes.size());
        assertEquals(Files.size(second), volumes.get(0).size());
    }

    @Test
    void isoContentIsCheckedAsAnUntrustedImageNotForAnIso9660Signature() throws Exception {
        Path raw = dir.resolve("raw.iso");
        Files.writeString(raw, "not an ISO 9660 image, but qemu-img reads it as raw");
        assertEquals("OK", sim.await(sim.client.upload("pve1", "local", UploadRequest.iso(raw, "raw.iso",
                sha256(raw)), EventSink.discard())).exitStatus().orElseThrow());
        Path backed = dir.resolve("backed.iso");
        java.nio.ByteBuffer qcow2 = java.nio.ByteBuffer.allocate(512).putInt(0x514649fb).putInt(2).putLong(8, 104);
        Files.write(backed, qcow2.array());
        PveTaskFailedException failed = assertThrows(PveTaskFailedException.class, () -> sim.await(
                sim.client.upload("pve1", "local", UploadRequest.iso(backed, "backed.iso", sha256(backed)),
                        EventSink.discard())));
        assertTrue(failed.getMessage().matches("(?s).*backing file not allowed for untrusted image "
                + "'/var/tmp/pveupload-[0-9a-f]+'!.*"), failed.getMessage());
    }

    @Test
    void theImportTaskLogsWhatStatusPmPrintsInItsOrder() throws Exception {
        Path iso = iso("logged.iso", "t");
        dev.nixpve.proxmox.model.Upid upid = sim.client.upload("pve1", "local", UploadRequest.iso(iso, "logged.iso",
                sha256(iso).toUpperCase(java.util.Locale.ROOT)), EventSink.discard());
        sim.await(upid);
        List<String> lines = sim.client.taskLog(upid, 0, 50).lines().stream()
                .map(dev.nixpve.proxmox.model.TaskLogLine::text).toList();
        String spool = lines.get(0).substring("starting file import from: ".length());
        assertTrue(spool.matches("/var/tmp/pveupload-[0-9a-f]+"), lines.toString());
        String target = "/var/lib/vz/template/iso/logged.iso";
        assertEquals(List.of("starting file import from: " + spool, "calculating checksum...OK, checksum verified",
                "target node: pve1", "target file: " + target, "file size is: " + Files.size(iso),
                "command: cp -- " + spool + " " + target, "finished file import successfully", "TASK OK"), lines);
    }

    @Test
    void aChecksumMismatchEndsTheLogBeforeTheTargetLines() throws Exception {
        Path iso = iso("bad.iso", "t");
        dev.nixpve.proxmox.model.Upid upid = sim.client.upload("pve1", "local", UploadRequest.iso(iso, "bad.iso",
                "AB".repeat(32)), EventSink.discard());
        assertThrows(PveTaskFailedException.class, () -> sim.await(upid));
        List<String> lines = sim.client.taskLog(upid, 0, 50).lines().stream()
                .map(dev.nixpve.proxmox.model.TaskLogLine::text).toList();
        assertEquals(List.of("calculating checksum...", "TASK ERROR: checksum mismatch: got '" + sha256(iso)
                + "' != expect '" + "AB".repeat(32) + "'"), lines.subList(1, lines.size()));
    }

    @Test
    void filenameRulesFollowTheContentType() throws Exception {
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        RawHttps.Response vztmpl = multipart(List.of(part("content", "vztmpl")),
                "Content-Disposition: form-data; name=\"filename\"; filename=\"debian.tar.gz.iso\"", data);
        assertEquals(400, vztmpl.status());
        assertTrue(vztmpl.body().contains("\"filename\":\"wrong file extension\""), vztmpl.body());
        RawHttps.Response imported = multipart(List.of(part("content", "import")),
                "Content-Disposition: form-data; name=\"filename\"; filename=\"disk.img\"", data);
        assertEquals(400, imported.status());
        assertTrue(imported.body().contains("\"filename\":\"invalid filename or wrong extension\""),
                imported.body());
    }

    @Test
    void aPartBeforeContentIsSwallowedAndTheFilePartMustComeAsPveWantsIt() throws Exception {
        byte[] iso = Files.readAllBytes(iso("x.iso", "t"));
        RawHttps.Response swallowed = multipart(List.of(part("checksum-algorithm", "sha256"), part("content", "iso")),
                "Content-Disposition: form-data; name=\"filename\"; filename=\"x.iso\"", iso);
        assertEquals(200, swallowed.status(), swallowed.reason());
        RawHttps.Response wrongName = multipart(List.of(part("content", "iso")),
                "Content-Disposition: form-data; name=\"file\"; filename=\"x.iso\"", iso);
        assertEquals(400, wrongName.status(), "a file part not named 'filename' is not a file for PVE");
        RawHttps.Response badExtension = multipart(List.of(part("content", "iso")),
                "Content-Disposition: form-data; name=\"filename\"; filename=\"x.qcow2\"", iso);
        assertEquals(400, badExtension.status());
        assertTrue(badExtension.body().contains("wrong file extension"), badExtension.body());
    }

    @Test
    void chunkedUploadsAreRefused() throws Exception {
        RawHttps.Response chunked = sim.http.send("POST", UPLOAD, Map.of("Authorization", "PVEAPIToken=" + sim.token(),
                "Content-Type", "multipart/form-data; boundary=b", "Transfer-Encoding", "chunked"),
                "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(501, chunked.status());
    }

    @Test
    void uploadsToABlockStorageAreRefusedOnceTheBodyHasArrived() throws Exception {
        Path iso = iso("y.iso", "t");
        var refused = assertThrows(dev.nixpve.proxmox.model.PveApiException.class, () -> sim.client.upload("pve1",
                "local-lvm", UploadRequest.iso(iso, "y.iso", sha256(iso)), EventSink.discard()));
        assertTrue(refused.getMessage().contains("can't upload to storage type 'lvmthin'"), refused.getMessage());
    }

    private RawHttps.Response multipart(List<String> textParts, String fileDisposition, byte[] file) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String text : textParts) {
            body.write(text.getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--b\r\n" + fileDisposition + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        RawHttps.Response response = sim.http.send("POST", UPLOAD, Map.of("Authorization", "PVEAPIToken="
                + sim.token(), "Content-Type", "multipart/form-data; boundary=b"), body.toByteArray());
        sim.advance(Duration.ofSeconds(5));
        return response;
    }

    private static String part(String name, String value) {
        return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private List<StorageVolume> content() {
        return sim.client.storageContent("pve1", "local", Optional.of("iso"));
    }

    private Path iso(String name, String token) throws Exception {
        Path iso = dir.resolve(name);
        StandInIso.write(iso, token, "NIXPVE");
        return iso;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

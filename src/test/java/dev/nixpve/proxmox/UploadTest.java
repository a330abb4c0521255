package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.proxmox.model.UploadRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.nixpve.event.Event;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.proxmox.wire.ApiPath;
import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload body is byte for byte what PVE's strict multipart parser accepts. */
class UploadTest {

    private static final String UPID = "UPID:pve1:0000A1B2:0001C3D4:6740A1B2:imgcopy::root@pam!nixpve:";
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final PveWireMock pve = new PveWireMock();
    private final ProxmoxClient client = pve.client();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        client.close();
        pve.close();
    }

    @Test
    void sendsContentThenChecksumThenTheFileWithAnExactContentLength() throws IOException {
        Path iso = Files.writeString(dir.resolve("nixos.iso"), "test");
        pve.answer("POST", "/nodes/pve1/storage/local/upload", 200, "OK", "{\"data\":\"" + UPID + "\"}");
        List<Event> events = new CopyOnWriteArrayList<>();

        Upid upid = client.upload("pve1", "local", UploadRequest.iso(iso, "nixpve-abc123.iso", SHA256), events::add);

        assertEquals("imgcopy", upid.type());
        assertEquals("", upid.id());
        LoggedRequest request = pve.server().findAll(postRequestedFor(
                urlPathEqualTo("/api2/json/nodes/pve1/storage/local/upload"))).get(0);
        String contentType = request.getHeader("Content-Type");
        assertTrue(contentType.startsWith("multipart/form-data;"), contentType);
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        String expected = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"content\"\r\n\r\niso\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"checksum-algorithm\"\r\n\r\nsha256\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"checksum\"\r\n\r\n" + SHA256 + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"filename\"; filename=\"nixpve-abc123.iso\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "test\r\n"
                + "--" + boundary + "--\r\n";
        assertEquals(expected, new String(request.getBody(), StandardCharsets.UTF_8));
        assertEquals(String.valueOf(expected.getBytes(StandardCharsets.UTF_8).length),
                request.getHeader("Content-Length"));
        pve.server().verify(postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve1/storage/local/upload"))
                .withHeader("Transfer-Encoding", absent()));
        assertEquals(new ProgressEvent("upload nixpve-abc123.iso", 4, 4), events.get(events.size() - 1));
    }

    @Test
    void aChecksumMismatchSurfacesAsTheFailedImgcopyTask() throws IOException {
        Path iso = Files.writeString(dir.resolve("nixos.iso"), "test");
        pve.answer("POST", "/nodes/pve1/storage/local/upload", 200, "OK", "{\"data\":\"" + UPID + "\"}");
        String mismatch = "checksum mismatch: got '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'"
                + " != expect '0000000000000000000000000000000000000000000000000000000000000000'";
        pve.answer("GET", ApiPath.of("nodes", "pve1", "tasks", UPID, "status"), 200, "OK",
                "{\"data\":{\"status\":\"stopped\",\"exitstatus\":\"" + mismatch + "\",\"type\":\"imgcopy\"}}");
        pve.answer("GET", ApiPath.of("nodes", "pve1", "tasks", UPID, "log"), 200, "OK",
                "{\"total\":2,\"data\":[{\"n\":1,\"t\":\"starting file import\"},{\"n\":2,\"t\":\"TASK ERROR: "
                        + mismatch + "\"}]}");
        FakeClock clock = new FakeClock();

        Upid upid = client.upload("pve1", "local", UploadRequest.iso(iso, "nixpve-abc123.iso",
                "0000000000000000000000000000000000000000000000000000000000000000"), event -> { });
        PveTaskFailedException error = assertThrows(PveTaskFailedException.class, () -> new TaskWaiter(client, clock,
                clock).await(upid, Duration.ofMinutes(10), Duration.ofSeconds(2), ResourceRef.storage("pve1", "local")));

        assertEquals(mismatch, error.exitStatus());
        assertTrue(error.getMessage().contains("task imgcopy on node pve1 failed: checksum mismatch"),
                error.getMessage());
        assertEquals("TASK ERROR: " + mismatch, error.logTail().get(error.logTail().size() - 1).text());
    }

    @Test
    void refusesNamesPveWouldRewrite() throws IOException {
        Path iso = Files.writeString(dir.resolve("nixos.iso"), "test");

        assertThrows(IllegalArgumentException.class,
                () -> client.upload("pve1", "local", UploadRequest.iso(iso, "nix os?.iso", SHA256), e -> { }));
    }
}

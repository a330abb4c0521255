package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.PveApiException;
import dev.nixpve.proxmox.UploadRequest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nixpve's upload meets each of pveproxy's refusals with the domain error that names it. */
class ClientUploadRefusalsTest {

    @TempDir
    Path dir;

    SimHarness sim = new SimHarness(List.of("node-offline=pve2"));

    @AfterEach
    void stop() {
        sim.close();
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
        assertEquals(true, refused.getMessage().contains("can't activate storage 'local' on node 'pve2'"),
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

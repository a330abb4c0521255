package dev.nixpve.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallProgressTest {

    @Test
    void readsWhatTheInstallerScriptWrites() {
        String written = "{\"version\":1,\"phase\":\"failed\",\"percent\":35,\"message\":\"mkfs.ext4 failed\","
                + "\"startedAt\":\"2026-11-22T10:00:00Z\",\"updatedAt\":\"2026-11-22T10:01:05Z\","
                + "\"log\":[\"mke2fs 1.47.0\",\"mkfs.ext4: No space left on device\"],\"futureField\":true}";

        InstallProgress progress = InstallProgress.parse(written);

        assertEquals(InstallProgress.Phase.FAILED, progress.phase());
        assertTrue(progress.phase().isFinal());
        assertEquals(35, progress.percent());
        assertEquals(Instant.parse("2026-11-22T10:01:05Z"), progress.updatedAt());
        assertEquals("mkfs.ext4: No space left on device", progress.log().get(1));
    }

    @Test
    void roundTripsWithLowerCasePhaseNames() {
        InstallProgress progress = new InstallProgress(1, InstallProgress.Phase.BOOTLOADER, 90, "grub-install",
                Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:05:00Z"), List.of("ok"));

        String json = progress.toJson();

        assertTrue(json.contains("\"phase\":\"bootloader\""), json);
        assertTrue(json.contains("\"updatedAt\":\"2026-11-22T10:05:00Z\""), json);
        assertEquals(progress, InstallProgress.parse(json));
    }

    @Test
    void rejectsGarbageWithAClearMessage() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> InstallProgress.parse("{\"phase\":\"dancing\"}"));
        assertTrue(error.getMessage().startsWith("unreadable progress file"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InstallProgress.parse("{\"percent\":5}"));
    }
}

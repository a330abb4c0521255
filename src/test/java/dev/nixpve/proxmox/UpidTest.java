package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.Upid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.proxmox.wire.ApiPath;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UpidTest {

    @Test
    void parsesEveryField() {
        Upid upid = Upid.parse("UPID:pve:00000A72:0000C9CC:5FBE5E5C:qmcreate:100:root@pam:");

        assertEquals("pve", upid.node());
        assertEquals(0xA72, upid.pid());
        assertEquals(0xC9CC, upid.pstart());
        assertEquals(Instant.ofEpochSecond(0x5FBE5E5CL), upid.startTime());
        assertEquals("qmcreate", upid.type());
        assertEquals("100", upid.id());
        assertEquals("root@pam", upid.user());
    }

    @Test
    void acceptsAnEmptyIdANinehexPstartAndATokenUser() {
        Upid upid = Upid.parse("UPID:pve-node-2:0012AB34:1A2B3C4D5:6740A1B2:imgcopy::nixpve@pve!build:");

        assertEquals("", upid.id());
        assertEquals("nixpve@pve!build", upid.user());
        assertEquals(0x1A2B3C4D5L, upid.pstart());
    }

    @Test
    void anIdWithAnAtSignIsOnePathSegment() {
        Upid upid = Upid.parse("UPID:pve:00001234:00005678:6740A1B2:imgdel:100@local:root@pam:");

        assertEquals("100@local", upid.id());
        assertEquals("/nodes/pve/tasks/UPID:pve:00001234:00005678:6740A1B2:imgdel:100@local:root@pam:/status",
                ApiPath.of("nodes", "pve", "tasks", upid.raw(), "status"));
        assertEquals("/x/UPID:n:00000001:00000001:00000001:t:a%25b:u%21t:",
                ApiPath.of("x", "UPID:n:00000001:00000001:00000001:t:a%b:u!t:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPID:pve:00000A72:0000C9CC:5FBE5E5C:qmcreate:100:root@pam",
        "UPID:pve:A72:0000C9CC:5FBE5E5C:qmcreate:100:root@pam:",
        "UPID:-pve:00000A72:0000C9CC:5FBE5E5C:qmcreate:100:root@pam:",
        "UPID:pve:00000A72:0000C9CC:5FBE5E5C:qm create:100:root@pam:",
        "pve:00000A72:0000C9CC:5FBE5E5C:qmcreate:100:root@pam:",
        ""})
    void rejectsWhatPveWouldNotIssue(String text) {
        assertFalse(Upid.looksLikeUpid(text));
        assertThrows(IllegalArgumentException.class, () -> Upid.parse(text));
    }

    @Test
    void exitStatusesReadAsPveMeansThem() {
        Upid upid = Upid.parse("UPID:pve:00000A72:0000C9CC:5FBE5E5C:qmcreate:100:root@pam:");

        assertTrue(new TaskStatus(upid, false, Optional.of("OK")).succeeded());
        TaskStatus warnings = new TaskStatus(upid, false, Optional.of("WARNINGS: 2"));
        assertTrue(warnings.succeeded());
        assertEquals(2, warnings.warnings());
        assertTrue(new TaskStatus(upid, false, Optional.of("unexpected status")).failed());
        assertTrue(new TaskStatus(upid, false, Optional.of("VM 100 already running")).failed());
        TaskStatus running = new TaskStatus(upid, true, Optional.empty());
        assertFalse(running.succeeded());
        assertFalse(running.failed());
    }
}

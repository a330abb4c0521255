package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveVersion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which privilege names each PVE release uses for the guest agent. */
class RequiredPrivilegesTest {

    private static final RequiredPrivileges.Scope SCOPE =
            new RequiredPrivileges.Scope("pve1", "local", "local-lvm", "vmbr0", List.of(9100));

    @Test
    void everyNineReleaseUsesTheGuestAgentPrivileges() {
        // libpve-access-control 9.0.2 dropped VM.Monitor before PVE 9.0 was released.
        for (String version : List.of("9.0.0", "9.0.3", "9.1.2")) {
            Set<String> names = names(version);
            assertFalse(names.contains("VM.Monitor"), version + ": " + names);
            assertEquals(true, names.containsAll(List.of("VM.GuestAgent.Audit", "VM.GuestAgent.FileRead")),
                    version + ": " + names);
        }
        assertEquals(names("9.1.2"), names("9.0.3"));
    }

    @Test
    void eightUsesVmMonitor() {
        Set<String> names = names("8.4.1");
        assertEquals(true, names.contains("VM.Monitor"), names.toString());
        assertFalse(names.contains("VM.GuestAgent.FileRead"), names.toString());
    }

    private static Set<String> names(String version) {
        return RequiredPrivileges.forPipeline(new PveVersion(version, version.substring(0, 3), "x"), SCOPE).stream()
                .flatMap(r -> r.anyOf().stream()).collect(Collectors.toSet());
    }
}

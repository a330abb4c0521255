package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveVersion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "pveum role add" lines grant exactly the privileges `pve check` checks. */
class ReadmePrivilegesTest {

    private static final RequiredPrivileges.Scope SCOPE =
            new RequiredPrivileges.Scope("pve1", "local", "local-lvm", "vmbr0", List.of(9100));

    @Test
    void theReadmeRolesMatchTheCheckedPrivileges() throws IOException {
        List<Set<String>> roles = readmeRoles();

        assertEquals(2, roles.size(), "expected one role line for PVE 9.x and one for 8.x");
        assertEquals(firstChoices(new PveVersion("9.1.2", "9.1", "x")), roles.get(0), "PVE 9.x role");
        assertEquals(firstChoices(new PveVersion("8.4.1", "8.4", "x")), roles.get(1), "PVE 8.x role");
    }

    private static Set<String> firstChoices(PveVersion version) {
        return RequiredPrivileges.forPipeline(version, SCOPE).stream().map(r -> r.anyOf().get(0))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Set<String>> readmeRoles() throws IOException {
        Matcher m = Pattern.compile("pveum role add NixPVE --privs \"([^\"]+)\"")
                .matcher(Files.readString(Path.of("README.md")));
        List<Set<String>> roles = new java.util.ArrayList<>();
        while (m.find()) {
            roles.add(Arrays.stream(m.group(1).split(",")).collect(Collectors.toCollection(TreeSet::new)));
        }
        return roles;
    }
}

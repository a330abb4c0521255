package dev.nixpve.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template.auto.tfvars.json: what terraform/ reads about the current template. */
class TfvarsWriterTest {

    static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");
    static final PublishedTemplate ON_PVE1 = new PublishedTemplate("pve1", 9104, "nixos-k8s", "local-lvm", "local-lvm",
            "0123456789abcdef0123456789abcdef01234567", "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2", CREATED, 20);

    @TempDir
    Path dir;

    @Test
    void oneTemplateGivesTheVariablesInAFixedOrder() {
        assertEquals("""
                {
                  "proxmox_node": "pve1",
                  "template_vm_id": 9104,
                  "template_name": "nixos-k8s",
                  "template_datastore": "local-lvm",
                  "cloud_init_datastore": "local-lvm",
                  "build_id": "0123456789abcdef0123456789abcdef01234567",
                  "nixpkgs_rev": "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2",
                  "template_disk_gb": 20
                }
                """, new TfvarsWriter().render(List.of(ON_PVE1)));
    }

    @Test
    void copiesOnSeveralNodesAddAMapByNodeAndTheFirstStaysPrimary() {
        PublishedTemplate onPve3 = copy("pve3", 9110);
        PublishedTemplate onPve2 = copy("pve2", 9105);
        String json = new TfvarsWriter().render(List.of(onPve3, ON_PVE1, onPve2, copy("pve1", 9199)));
        assertTrue(json.contains("\"proxmox_node\": \"pve3\",\n  \"template_vm_id\": 9110,"), json);
        assertTrue(json.endsWith("""
                  "template_vm_ids": {
                    "pve1": 9104,
                    "pve2": 9105,
                    "pve3": 9110
                  }
                }
                """), json);
    }

    @Test
    void anUnknownDiskSizeIsLeftToTheVariablesDefault() {
        PublishedTemplate unknown = new PublishedTemplate("pve1", 9104, "nixos-k8s", "local-lvm", "local-lvm", "b",
                "n", CREATED);
        assertFalse(new TfvarsWriter().render(List.of(unknown)).contains("template_disk_gb"));
    }

    @Test
    void writingReplacesTheFileAtomicallyAndLeavesNothingElse() throws Exception {
        Path file = dir.resolve("out").resolve(TfvarsWriter.FILE_NAME);
        new TfvarsWriter().write(file, List.of(ON_PVE1));
        new TfvarsWriter().write(file, List.of(copy("pve2", 9105)));
        assertEquals(new TfvarsWriter().render(List.of(copy("pve2", 9105))), Files.readString(file));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void withoutATemplateThereIsNothingToWrite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TfvarsWriter().write(dir.resolve("x.json"), List.of()));
        assertEquals("no published template to write Terraform variables for", e.getMessage());
    }

    static PublishedTemplate copy(String node, int vmid) {
        return new PublishedTemplate(node, vmid, ON_PVE1.name(), ON_PVE1.diskStorage(), ON_PVE1.cloudInitStorage(),
                ON_PVE1.buildId(), ON_PVE1.nixpkgsRevision(), ON_PVE1.created(), ON_PVE1.diskSizeGib());
    }
}

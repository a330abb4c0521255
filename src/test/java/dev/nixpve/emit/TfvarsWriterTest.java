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
    static final PublishedTemplate ON_PVE1 = new PublishedTemplate("pve1", 9104, "nixos-k8s-0123abcd", "nixos-k8s",
            "local-lvm", "scsi0", "0123456789abcdef0123456789abcdef01234567",
            "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2", CREATED, 20);

    @TempDir
    Path dir;

    @Test
    void oneTemplateGivesTheVariablesInAFixedOrder() {
        assertEquals("""
                {
                  "image_name": "nixos-k8s",
                  "templates": {
                    "pve1": {
                      "vm_id": 9104,
                      "name": "nixos-k8s-0123abcd",
                      "build_id": "0123456789abcdef0123456789abcdef01234567",
                      "nixpkgs_rev": "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2",
                      "datastore": "local-lvm",
                      "disk_interface": "scsi0",
                      "disk_gb": 20
                    }
                  }
                }
                """, new TfvarsWriter().render(List.of(ON_PVE1)));
    }

    /** Item 23: where VMs run is the user's setting; a run on another node must not move them. */
    @Test
    void theFileNamesNoNodeForTheVms() {
        String json = new TfvarsWriter().render(List.of(copy("pve2", 9105), ON_PVE1));
        assertFalse(json.contains("proxmox_node") || json.contains("template_vm_id\"") || json.contains("cloud_init"),
                json);
    }

    /** Issue 15: one template on shared storage serves other nodes; their entries name the node holding it. */
    @Test
    void aTemplateOnSharedStorageIsGivenToEveryNodeItServesWithItsHolder() throws Exception {
        PublishedTemplate shared = ON_PVE1.servedOn("pve1");
        new TfvarsWriter().write(dir.resolve(TfvarsWriter.FILE_NAME), List.of(shared, shared.servedOn("pve2")));
        com.fasterxml.jackson.databind.JsonNode templates = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve(TfvarsWriter.FILE_NAME).toFile()).path("templates");

        assertEquals(9104, templates.path("pve2").path("vm_id").asInt());
        assertEquals("pve1", templates.path("pve2").path("node").asText());
        assertFalse(templates.path("pve1").has("node"), templates.toString());

        TemplateManifest.Manifest manifest = TemplateManifest.record(dir,
                TemplateManifest.Template.current("nixos-k8s", shared.servedOn("pve2")), List.of());
        assertEquals("pve1", manifest.templates().get(0).holder());
        assertEquals(List.of(shared.servedOn("pve2")), TemplateManifest.currentTemplates(TemplateManifest.read(dir),
                ON_PVE1, "nixos-k8s").subList(1, 2), "read back, the entry still names its holder");
    }

    /** Items 21 and 22: each node's copy with its own build, disk bus and storage. */
    @Test
    void copiesOnSeveralNodesEachCarryTheirOwnBuildAndDisk() {
        PublishedTemplate onPve3 = copy("pve3", 9110);
        PublishedTemplate onPve2 = new PublishedTemplate("pve2", 9105, "nixos-k8s-fedcba98", "nixos-k8s", "tank",
                "virtio0", "fedcba9876543210", "b2", CREATED, 32);
        String json = new TfvarsWriter().render(List.of(onPve3, ON_PVE1, onPve2, copy("pve1", 9199)));
        assertTrue(json.contains("""
                    "pve2": {
                      "vm_id": 9105,
                      "name": "nixos-k8s-fedcba98",
                      "build_id": "fedcba9876543210",
                      "nixpkgs_rev": "b2",
                      "datastore": "tank",
                      "disk_interface": "virtio0",
                      "disk_gb": 32
                    },
                """), json);
        assertTrue(json.indexOf("\"pve1\"") < json.indexOf("\"pve2\"") && json.indexOf("\"pve2\"") < json.indexOf("\"pve3\""),
                "sorted by node: " + json);
        assertTrue(json.contains("\"vm_id\": 9104") && !json.contains("9199"), "the first per node wins: " + json);
    }

    @Test
    void anUnknownDiskSizeIsLeftToTheVariablesDefault() {
        PublishedTemplate unknown = new PublishedTemplate("pve1", 9104, "nixos-k8s", "nixos-k8s", "local-lvm", "scsi0",
                "b", "n", CREATED, 0);
        assertFalse(new TfvarsWriter().render(List.of(unknown)).contains("disk_gb"));
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
        return new PublishedTemplate(node, vmid, ON_PVE1.name(), ON_PVE1.image(), ON_PVE1.diskStorage(),
                ON_PVE1.diskInterface(), ON_PVE1.buildId(), ON_PVE1.nixpkgsRevision(), ON_PVE1.created(),
                ON_PVE1.diskSizeGib());
    }
}

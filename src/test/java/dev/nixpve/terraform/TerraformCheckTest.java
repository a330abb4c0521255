package dev.nixpve.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.emit.TfvarsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform's own verdict on terraform/, with the schema of bpg/proxmox (tf-check's stand-in):
 * {@code terraform validate} for the root module, the module and every example, and
 * {@code terraform test} with {@code mock_provider "proxmox"} for the module's logic.
 */
class TerraformCheckTest {

    private static final Pattern PASSED = Pattern.compile("Success! (\\d+) passed, 0 failed\\.");
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theRootModuleTheModuleAndEveryExampleValidateAgainstTheProvidersSchema() throws Exception {
        TfCheck check = TfCheck.on(dir);
        List<String> dirs = new java.util.ArrayList<>(List.of(".", "modules/nixos-cluster"));
        try (var examples = Files.list(check.root().resolve("examples"))) {
            examples.filter(Files::isDirectory).sorted().forEach(e -> dirs.add("examples/" + e.getFileName()));
        }
        assertTrue(dirs.contains("examples/lookup-by-tag"), dirs.toString());
        for (String module : dirs) {
            TfCheck.Result result = check.run(module, "validate");
            assertEquals(0, result.exitCode(), module + ":\n" + result.output());
            assertTrue(result.output().contains("The configuration is valid"), module + ":\n" + result.output());
        }
    }

    /** Items 20 to 25 and 28, in modules/nixos-cluster/tests/module.tftest.hcl. */
    @Test
    void theModulesTestsPass() throws Exception {
        assertPassed(TfCheck.on(dir).run("modules/nixos-cluster", "test"), 10);
    }

    /** Item 19, in examples/lookup-by-tag/tests/lookup.tftest.hcl. */
    @Test
    void theLookupExamplesTestsPass() throws Exception {
        assertPassed(TfCheck.on(dir).run("examples/lookup-by-tag", "test"), 2);
    }

    /** Items 21, 22 and 25: the file nixpve writes, linked into terraform/ as the README says, drives the clones. */
    @Test
    void theTfvarsNixpveWritesDriveTheRootModule() throws Exception {
        TfCheck check = TfCheck.on(dir);
        new TfvarsWriter().write(check.root().resolve(TfvarsWriter.FILE_NAME), List.of(
                new PublishedTemplate("pve2", 9105, "nixos-k8s-fedcba98", "nixos-k8s", "tank", "virtio0",
                        "fedcba9876543210aaaa", "b2", CREATED, 32),
                new PublishedTemplate("pve1", 9104, "nixos-k8s-01234567", "nixos-k8s", "local-lvm", "scsi0",
                        "0123456789abcdefbbbb", "a1", CREATED, 0)));
        Files.createDirectories(check.root().resolve("tests"));
        Files.writeString(check.root().resolve("tests/nixpve-tfvars.tftest.hcl"), """
                mock_provider "proxmox" {}

                variables {
                  proxmox_node    = "pve1"
                  vm_nodes        = ["pve1", "pve2"]
                  ssh_public_keys = ["ssh-ed25519 AAAA test"]
                }

                run "tfvars" {
                  command = plan

                  assert {
                    condition     = module.cluster.clones["k8s-cp-1"].template_id == 9104 && module.cluster.clones["k8s-cp-1"].disk == { interface = "scsi0", size = 20, datastore = "local-lvm" }
                    error_message = "pve1's VM: pve1's copy, its disk"
                  }
                  assert {
                    condition     = module.cluster.clones["k8s-worker-1"].template_id == 9105 && module.cluster.clones["k8s-worker-1"].disk == { interface = "virtio0", size = 32, datastore = "tank" }
                    error_message = "pve2's VM: pve2's copy, its virtio disk of 32 GiB on tank"
                  }
                  assert {
                    condition     = contains(module.cluster.clones["k8s-worker-1"].tags, "build-fedcba987654") && contains(module.cluster.clones["k8s-cp-1"].tags, "build-0123456789ab")
                    error_message = "each VM carries its own build"
                  }
                  assert {
                    condition     = output.templates["pve2"].image == "nixos-k8s" && output.templates["pve2"].name == "nixos-k8s-fedcba98"
                    error_message = "image_name beside the template's VM name"
                  }
                }
                """);
        TfCheck.Result result = check.run(".", "test");
        assertPassed(result, 1);
        assertTrue(!result.output().contains("undeclared variable"), result.output());
    }

    private static void assertPassed(TfCheck.Result result, int atLeast) {
        assertEquals(0, result.exitCode(), result.output());
        Matcher passed = PASSED.matcher(result.output());
        assertTrue(passed.find(), result.output());
        assertTrue(Integer.parseInt(passed.group(1)) >= atLeast, "too few runs:\n" + result.output());
    }
}

package dev.nixpve.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** terraform/ is laid out as {@code terraform fmt} writes it, checked with or without Terraform. */
class TerraformFormatTest {

    @TempDir
    Path dir;

    @Test
    void everyFileIsFormattedAsTerraformFmtWouldFormatIt() {
        List<String> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>(TerraformFiles.tfFiles());
        files.add(TerraformFiles.ROOT.resolve("terraform.tfvars.example"));
        for (Path file : files) {
            TerraformStyle.check(TerraformFiles.text(file)).forEach(p -> problems.add(file + " " + p));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckKnowsFmtsIndentRule() {
        assertEquals(List.of(), TerraformStyle.check("""
                output "x" {
                  description = "d"
                  value = templatefile("t", {
                    a = { b = 1 }
                  })
                }
                """), "two brackets opened on one line indent by one level; a multi-line value is not aligned");
        assertEquals(List.of("line 2: indented 4 spaces, terraform fmt indents 2"), TerraformStyle.check("""
                a {
                    b = 1
                }
                """));
        assertEquals(List.of("line 4: indented 2 spaces, terraform fmt indents 0"), TerraformStyle.check("""
                x = [
                  1,
                  2,
                  ]
                """));
    }

    @Test
    void theCheckFindsWhatFmtWouldChangeInTheModule() {
        String main = TerraformFiles.text(TerraformFiles.MODULE.resolve("main.tf"));
        String broken = main.replace("  node_name   = each.value.node", "  node_name = each.value.node")
                .replace("\n    enabled = true", "\n   enabled = true");
        List<String> problems = TerraformStyle.check(broken);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("indented 3 spaces, terraform fmt indents 4"), problems.toString());
        assertTrue(problems.get(1).contains("'=' in column 13, terraform fmt aligns it"), problems.toString());
    }

    @Test
    void theCheckKnowsFmtsAlignmentRule() {
        assertEquals(List.of(), TerraformStyle.check("""
                a {
                  name      = "x"
                  node_name = "y"

                  b = 1
                  clone {
                    vm_id = 1
                  }
                  c = "v${var.x == 1 ? "a=b" : "}"}" # note
                  d = 2                              # more
                }
                """), "blank lines, blocks and comments end a run; '=' in strings and '==' do not count");
        assertEquals(List.of("line 3: '=' in column 8, terraform fmt aligns it with the neighbouring attributes in "
                + "column 13"), TerraformStyle.check("""
                a {
                  node_name = "y"
                  name = "x"
                }
                """));
        assertEquals(List.of("line 2: trailing white space", "the file must end with exactly one newline"),
                TerraformStyle.check("a {\n  b = 1 \n}\n\n").stream().sorted().toList());
    }

    /** Terraform's own verdict too: skipped on a laptop without it, required in CI (the machine image has it). */
    @Test
    void terraformFmtAgrees() throws Exception {
        Path terraform = ExternalTools.requireInstalled("terraform",
                "it comes with the machine image, not from apt; TerraformStyle still checks fmt's rules");
        Path tfvars = dir.resolve("example.tfvars");
        Files.copy(TerraformFiles.ROOT.resolve("terraform.tfvars.example"), tfvars);
        for (Path target : List.of(TerraformFiles.ROOT, tfvars)) {
            ProcessBuilder fmt = new ProcessBuilder(terraform.toString(), "fmt", "-check", "-diff", "-recursive",
                    target.toString()).redirectErrorStream(true);
            fmt.environment().put("TF_CLI_CONFIG_FILE", "/dev/null");
            fmt.environment().put("CHECKPOINT_DISABLE", "1");
            Process process = fmt.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "terraform fmt hangs");
            assertEquals(0, process.exitValue(), "terraform fmt would change " + target + ":\n" + output);
        }
    }
}

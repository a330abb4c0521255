package dev.nixpve.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code ansible-inventory --list} on a file with exactly one inventory plugin, strictly. */
public final class AnsibleInventory {

    private AnsibleInventory() {
    }

    /** The JSON ansible-inventory prints; fails on a parse error or any warning. */
    public static JsonNode list(Path inventory, String plugin, Path scratch) throws IOException, InterruptedException {
        Path tool = ExternalTools.require("ansible-inventory", "ansible-core");
        Path home = Files.createDirectories(scratch.resolve("ansible-home"));
        ProcessBuilder builder = new ProcessBuilder(tool.toString(), "-i", inventory.toString(), "--list");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("ANSIBLE_HOME", home.toString());
        builder.environment().put("ANSIBLE_LOCAL_TEMP", home.resolve("tmp").toString());
        builder.environment().put("ANSIBLE_INVENTORY_ENABLED", plugin);
        // Without these, a file the plugin cannot read is a warning and an empty inventory.
        builder.environment().put("ANSIBLE_INVENTORY_UNPARSED_FAILED", "true");
        builder.environment().put("ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED", "true");
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        builder.environment().put("ANSIBLE_CONFIG", home.resolve("none.cfg").toString());
        // python-requests takes these over a plugin's validate_certs: false
        builder.environment().remove("REQUESTS_CA_BUNDLE");
        builder.environment().remove("CURL_CA_BUNDLE");
        Path err = scratch.resolve("ansible-inventory.err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ansible-inventory did not finish within 120 s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "ansible-inventory failed on " + inventory + ":\n" + stderr);
        assertFalse(stderr.contains("WARNING"), "ansible-inventory warned about " + inventory + ":\n" + stderr);
        return new ObjectMapper().readTree(out);
    }
}

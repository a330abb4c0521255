package dev.nixpve.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@value #FILE_NAME}: what {@code terraform/} needs to know about the current templates,
 * declared in its {@code variables.tf}. Terraform loads {@code *.auto.tfvars.json} by itself, so
 * copying or linking the file into the root module is all it takes. {@code templates} maps each
 * node to its own current copy (each may be of another build, bus or storage), or to the one template
 * on shared storage that serves it, with the {@code node} holding it; where the VMs run
 * is the user's setting, never this file's, so a new template cannot move a running VM.
 */
public final class TfvarsWriter {

    public static final String FILE_NAME = "template.auto.tfvars.json";

    private static final ObjectWriter JSON = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    /** Writes atomically: a concurrent {@code terraform plan} reads the old file or the new one. */
    public void write(Path file, List<PublishedTemplate> current) throws IOException {
        AtomicFiles.write(file, render(current));
    }

    /** The file's content: pretty JSON, keys in a fixed order, nodes sorted, ending in a newline. */
    public String render(List<PublishedTemplate> current) {
        if (current.isEmpty()) {
            throw new IllegalArgumentException("no published template to write Terraform variables for");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("image_name", current.get(0).image());
        // Sorted by node so the file only changes when a template does; the first per node wins.
        Map<String, Map<String, Object>> byNode = new TreeMap<>();
        current.forEach(t -> byNode.putIfAbsent(t.node(), template(t)));
        variables.put("templates", byNode);
        try {
            return JSON.writeValueAsString(variables) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> template(PublishedTemplate t) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("vm_id", t.vmId());
        values.put("name", t.name());
        values.put("build_id", t.buildId());
        values.put("nixpkgs_rev", t.nixpkgsRevision());
        values.put("datastore", t.diskStorage());
        values.put("disk_interface", t.diskInterface());
        if (t.diskSizeGib() > 0) {
            values.put("disk_gb", t.diskSizeGib());
        }
        if (t.heldElsewhere()) {
            // One template on shared storage serves this node too: Terraform clones it from its holder.
            values.put("node", t.holder());
        }
        return values;
    }
}

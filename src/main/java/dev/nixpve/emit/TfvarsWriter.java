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
 * Writes {@value #FILE_NAME}: the variables of the current template for {@code terraform/}, whose
 * {@code variables.tf} declares each of them. Terraform loads {@code *.auto.tfvars.json} by itself,
 * so copying or linking the file into the root module is all it takes. The first template of the
 * list is the primary one; with copies on several nodes {@code template_vm_ids} maps node to VMID.
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

    /** The file's content: pretty JSON, keys in a fixed order, ending in a newline. */
    public String render(List<PublishedTemplate> current) {
        if (current.isEmpty()) {
            throw new IllegalArgumentException("no published template to write Terraform variables for");
        }
        PublishedTemplate primary = current.get(0);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("proxmox_node", primary.node());
        variables.put("template_vm_id", primary.vmId());
        variables.put("template_name", primary.name());
        variables.put("template_datastore", primary.diskStorage());
        variables.put("cloud_init_datastore", primary.cloudInitStorage());
        variables.put("build_id", primary.buildId());
        variables.put("nixpkgs_rev", primary.nixpkgsRevision());
        if (primary.diskSizeGib() > 0) {
            variables.put("template_disk_gb", primary.diskSizeGib());
        }
        // Sorted by node so the file only changes when a template does; the first per node wins.
        Map<String, Integer> byNode = new TreeMap<>();
        current.forEach(t -> byNode.putIfAbsent(t.node(), t.vmId()));
        if (byNode.size() > 1) {
            variables.put("template_vm_ids", byNode);
        }
        try {
            return JSON.writeValueAsString(variables) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.model.VmConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a template's config back and lists what is wrong with it; an empty list means it may be published. */
public final class TemplateVerifier {

    private TemplateVerifier() {
    }

    public static List<String> problems(VmConfig config, String diskDrive, String buildTag) {
        List<String> problems = new ArrayList<>();
        if (!config.isTemplate()) {
            problems.add("it is not a template");
        }
        if (config.get(diskDrive).isEmpty()) {
            problems.add("it has no " + diskDrive + " disk");
        }
        if (!config.get("ide2").map(v -> v.contains("cloudinit")).orElse(false)) {
            problems.add("it has no cloud-init drive on ide2");
        }
        for (Map.Entry<String, String> entry : config.values().entrySet()) {
            if (entry.getKey().matches("(ide|sata|scsi|virtio)\\d+") && entry.getValue().contains(".iso")) {
                problems.add(entry.getKey() + " still holds an ISO (" + entry.getValue() + ")");
            }
        }
        if (!config.get("boot").map(b -> b.equals("order=" + diskDrive)).orElse(false)) {
            problems.add("it does not boot from " + diskDrive + " only (boot: " + config.get("boot").orElse("unset")
                    + ")");
        }
        if (!config.tags().contains(buildTag)) {
            problems.add("it lacks the tag " + buildTag);
        }
        if (config.tags().contains(TemplateSpec.FAILED_TAG)) {
            problems.add("it is tagged failed");
        }
        return problems;
    }
}

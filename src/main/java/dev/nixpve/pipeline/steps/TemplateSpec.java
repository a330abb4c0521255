package dev.nixpve.pipeline.steps;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.pipeline.InstallerImage;
import dev.nixpve.proxmox.PveParams;
import java.util.List;

/**
 * How a finished installer VM becomes a template: the ISO comes out, a cloud-init drive goes on
 * ide2 (where the bpg Terraform provider expects it), the disk boots, and name, tags and
 * description carry the build's provenance. Templates are found by their build tag, never by name.
 */
public final class TemplateSpec {

    public static final String TAG = "nixpve";
    public static final String FAILED_TAG = "failed";

    private TemplateSpec() {
    }

    public static String name(NixpveConfig config, InstallerImage image) {
        return config.image().name() + "-" + image.buildToken().substring(0, 8);
    }

    public static String buildTag(InstallerImage image) {
        return "build-" + image.shortId();
    }

    public static List<String> tags(NixpveConfig config, InstallerImage image) {
        return List.of(TAG, "nixos", config.image().name(), buildTag(image));
    }

    /** The ISO leaves first, in its own change: PVE refuses to set and delete the same key at once. */
    public static PveParams removeIso() {
        return PveParams.of().put("delete", "ide2");
    }

    public static PveParams finish(NixpveConfig config, InstallerImage image, String smbiosWithoutSerial,
                                   String provenance) {
        return PveParams.of()
                .put("ide2", config.target().diskStorage() + ":cloudinit")
                .put("boot", "order=" + config.vm().diskBus().pveDrive())
                .put("name", name(config, image))
                .put("tags", String.join(";", tags(config, image)))
                .put("smbios1", smbiosWithoutSerial)
                .put("description", provenance);
    }

    public static String provenance(NixpveConfig config, InstallerImage image, String created, String version) {
        return "NixOS template built by nixpve " + version + "\n\n"
                + "- build id: " + image.buildId() + "\n"
                + "- nixpkgs: " + config.image().nixpkgs() + " @ " + image.nixpkgsRevision().orElse("unknown") + "\n"
                + "- built: " + created + "\n"
                + "- from: " + image.origin() + "\n";
    }

    /** The smbios1 value without the build token: clones need not carry it. */
    public static String withoutSerial(String smbios1) {
        StringBuilder kept = new StringBuilder();
        for (String part : smbios1.split(",")) {
            if (!part.startsWith("serial=") && !part.startsWith("base64=") && !part.isBlank()) {
                kept.append(kept.length() == 0 ? "" : ",").append(part);
            }
        }
        return kept.toString();
    }
}

package dev.nixpve.pipeline.steps;

import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunLock;
import dev.nixpve.proxmox.model.Tags;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.proxmox.model.PveParams;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How a finished installer VM becomes a template: the ISO comes out, a cloud-init drive goes on
 * ide2 (where the bpg Terraform provider expects it), the disk boots, and name, tags and
 * description carry the build's provenance. Templates are found by their build tag, never by name.
 */
public final class TemplateSpec {

    public static final String TAG = "nixpve";
    public static final String FAILED_TAG = "failed";
    /** Written last, after the smoke test: only a template with it is ever current or published. */
    public static final String VERIFIED_TAG = "verified";
    public static final String CREATED_PREFIX = "created-";
    public static final String BUILD_PREFIX = "build-";
    /** What a template not (yet) marked verified is called in a failed run's list of what it left. */
    public static final String UNVERIFIED_LABEL = "unverified template";
    public static final String FAILED_LABEL = "template tagged failed";
    public static final String VERIFIED_LABEL = "verified template";
    /** An installer VM the run asked PVE to convert, with no answer whether it did. */
    public static final String CONVERTING_LABEL = "installer VM, its conversion to a template under way";
    private static final DateTimeFormatter CREATED_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private TemplateSpec() {
    }

    public static String name(NixpveConfig config, InstallerImage image) {
        return config.image().name() + "-" + image.buildToken().substring(0, 8);
    }

    public static String buildTag(InstallerImage image) {
        return BUILD_PREFIX + image.shortId();
    }

    /**
     * The tags say what, when and by which run: Terraform's {@code proxmox_virtual_environment_vms}
     * data source sees tags but no creation time, so {@code created-<UTC timestamp>} (it sorts as
     * text) lets a lookup by tag take the newest template. VMIDs do not: the lowest free one is
     * reused. {@link #VERIFIED_TAG} is added only after the smoke test, last.
     */
    public static Tags tags(NixpveConfig config, InstallerImage image, Instant created, RunId run) {
        return Tags.of(TAG, "nixos", config.image().name(), buildTag(image), createdTag(created), run.tag());
    }

    /** created-20261123t100000z: PVE tags allow neither ':' nor capitals that survive. */
    public static String createdTag(Instant created) {
        return CREATED_PREFIX + CREATED_FORMAT.format(created.truncatedTo(ChronoUnit.SECONDS)).toLowerCase(Locale.ROOT);
    }

    /** The ISO leaves first, in its own change: PVE refuses to set and delete the same key at once. */
    public static PveParams removeIso() {
        return PveParams.of().put("delete", "ide2");
    }

    /** What finalize writes, all but smbios1, which depends on what the VM has. */
    public record Finish(String cloudInitDrive, String bootDrive, String name, Tags tags, String description) {

        /**
         * The template's settings. An smbios1 with nothing left once the serial goes is deleted,
         * not sent empty: PVE would store the empty value.
         */
        public PveParams params(String smbiosWithoutSerial) {
            PveParams params = PveParams.of()
                    .put("ide2", cloudInitDrive)
                    .put("boot", "order=" + bootDrive)
                    .put("name", name)
                    .put("tags", tags.param())
                    .put("description", description);
            return smbiosWithoutSerial.isBlank() ? params.put("delete", "smbios1")
                    : params.put("smbios1", smbiosWithoutSerial);
        }
    }

    public static Finish finish(NixpveConfig config, NodeTarget target, InstallerImage image, Instant created,
                                RunId run, String provenance) {
        return new Finish(target.diskStorage() + ":cloudinit", config.vm().diskBus().pveDrive(),
                name(config, image), tags(config, image, created, run), provenance);
    }

    public static String provenance(NixpveConfig config, InstallerImage image, String created, String version,
                                    RunLock.Holder holder) {
        return "NixOS template built by nixpve " + version + "\n\n"
                + "- build id: " + image.buildId() + "\n"
                + "- by: " + holder.describe() + "\n"
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

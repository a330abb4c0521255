package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.VmConfig;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's nixpve templates of one name, found by tags (never by VM name): newest first by
 * the creation time PVE records in {@code meta: ctime=...}. Template-ness and names come from each
 * candidate's config: {@code /cluster/resources} serves them from pvestatd's sample, up to 10 s
 * old, while its list and tags are live.
 */
public final class PublishedTemplates {

    private static final Pattern CTIME = Pattern.compile("ctime=(\\d+)");

    /** A template as found: where, which build, when created, its status, and its config. */
    public record Found(String node, int vmid, String name, Optional<String> buildTag, Instant created,
                        TemplateStatus status, VmConfig config) {

        public boolean failed() {
            return status == TemplateStatus.FAILED;
        }
    }

    private final ProxmoxClient client;

    public PublishedTemplates(ProxmoxClient client) {
        this.client = client;
    }

    /** This name's templates on {@code node}, newest first: each node keeps its own, as clones need a local one. */
    public List<Found> ofName(String node, String templateName) {
        return client.resources(Optional.of("vm")).stream()
                .filter(r -> r.isQemuGuest() && r.node().filter(node::equals).isPresent() && r.vmid().isPresent())
                .filter(r -> r.tags().contains(TemplateSpec.TAG) && r.tags().contains(templateName))
                .map(this::found)
                .filter(f -> f.config().isTemplate())
                .sorted(Comparator.comparing(Found::created).thenComparingInt(Found::vmid).reversed())
                .toList();
    }

    /**
     * The newest verified template of this build on one of {@code nodes}, its disk on {@code diskStorage},
     * whose config still checks, if there is one. Several nodes when they share the disk storage, so
     * that one template serves them all; the storage, so that a template on storage the user moved
     * away from is not taken for the current one.
     */
    public Optional<Found> current(List<String> nodes, String diskStorage, String templateName, String buildTag,
                                   String diskDrive) {
        return nodes.stream().flatMap(node -> ofName(node, templateName).stream())
                .filter(f -> f.status() == TemplateStatus.VERIFIED && f.buildTag().filter(buildTag::equals).isPresent())
                .filter(f -> TemplateVerifier.problems(f.config(), diskDrive, buildTag).isEmpty())
                .filter(f -> f.config().get(diskDrive).filter(disk -> disk.startsWith(diskStorage + ":")).isPresent())
                .max(Comparator.comparing(Found::created).thenComparingInt(Found::vmid));
    }

    private Found found(ClusterResource resource) {
        String node = resource.node().orElseThrow();
        int vmid = resource.vmid().orElseThrow();
        VmConfig config = client.vmConfig(node, vmid);
        Matcher ctime = CTIME.matcher(config.get("meta").orElse(""));
        Instant created = ctime.find() ? Instant.ofEpochSecond(Long.parseLong(ctime.group(1))) : Instant.EPOCH;
        Optional<String> build = resource.tags().withPrefix("build-");
        return new Found(node, vmid, config.name().orElse(""), build, created,
                TemplateStatus.of(config.tags()), config);
    }
}

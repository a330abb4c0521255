package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ClusterResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates nixpve built of one image, node by node, as {@code nixpve templates list} shows
 * them: which is current (the newest verified one: what a run reuses and Terraform is given),
 * which are retired, failed or unverified, and which guests still use each.
 */
public final class TemplateCatalog {

    private static final Pattern BUILD_ID = Pattern.compile("(?m)^- build id: (\\S+)$");
    private static final Pattern NIXPKGS = Pattern.compile("(?m)^- nixpkgs: .* @ (\\S+)$");

    /** How a template stands on its node. */
    public enum Standing {
        /** The template published to Terraform (else the newest verified): what clones start from. */
        CURRENT,
        /** Verified, but a newer one is current: kept by retention until it has no clones. */
        RETIRED,
        /** Its smoke test failed; kept for inspection, never published. */
        FAILED,
        /** Its run is still testing it, or died doing so (recovery deals with it). */
        UNVERIFIED
    }

    /** One template: where, which, from what, when, how it stands, and who uses it. */
    public record Entry(String node, int vmid, String name, String buildId, String nixpkgsRevision, Instant created,
                        Standing standing, List<String> users) {
    }

    private final ProxmoxClient client;

    public TemplateCatalog(ProxmoxClient client) {
        this.client = client;
    }

    /**
     * The image's templates on {@code onNodes}, or on every node with a guest when it is empty; newest
     * first per node. The current one is the one {@code published} names on its node (what
     * Terraform is given), else the newest verified.
     */
    public List<Entry> list(String imageName, Optional<List<String>> onNodes, Set<Integer> published) {
        List<ClusterResource> guests = client.resources(Optional.of("vm"));
        GuestReads reads = new GuestReads(client);
        TemplateUsers users = new TemplateUsers(guests, reads);
        List<String> nodes = onNodes.orElseGet(() -> guests.stream().flatMap(g -> g.node().stream())
                .distinct().sorted().toList());
        List<Entry> entries = new ArrayList<>();
        PublishedTemplates templates = new PublishedTemplates(client);
        for (String each : nodes) {
            List<PublishedTemplates.Found> found = templates.ofName(each, imageName);
            Optional<Integer> current = found.stream().map(PublishedTemplates.Found::vmid).filter(published::contains)
                    .findFirst().or(() -> found.stream().filter(f -> f.status() == TemplateStatus.VERIFIED)
                            .map(PublishedTemplates.Found::vmid).findFirst());
            for (PublishedTemplates.Found template : found) {
                reads.known(template.vmid(), template.config());
                Standing standing = standing(template, current);
                String description = template.config().get("description").orElse("");
                entries.add(new Entry(each, template.vmid(), template.name(), first(BUILD_ID, description)
                        .or(template::buildTag).orElse("unknown"), first(NIXPKGS, description).orElse("unknown"),
                        template.created(), standing, users.of(template, List.of())));
            }
        }
        return entries;
    }

    private static Standing standing(PublishedTemplates.Found found, Optional<Integer> current) {
        return switch (found.status()) {
            case FAILED -> Standing.FAILED;
            case UNVERIFIED -> Standing.UNVERIFIED;
            case VERIFIED, LEGACY -> current.filter(id -> id == found.vmid()).isPresent() ? Standing.CURRENT
                    : Standing.RETIRED;
        };
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}

package dev.nixpve.event;

import java.time.Instant;

/** The template a run published or found current on a node: what metrics and schedulers report. */
public record TemplateFacts(String node, int vmid, String name, String buildId, String nixpkgsRevision,
                            Instant created) {
}

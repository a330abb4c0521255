package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.Tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tags as PVE's get_unique_tags stores them with the default tag style. */
class TagsTest {

    @Test
    void readsAnyOfPveSeparatorsAndNormalisesAsPveStores() {
        Tags tags = Tags.parse("nixpve;Build-3F2A, nixos  nixpve;;");

        assertEquals("build-3f2a;nixos;nixpve", tags.param());
        assertTrue(tags.contains("NIXOS"));
        assertEquals(Optional.of("build-3f2a"), tags.withPrefix("build-"));
    }

    @Test
    void whatNixpveWritesComparesEqualToWhatPveGivesBack() {
        Tags written = Tags.of("nixpve", "building", "nixos-base", "run-0123456789ab");
        Tags readBack = Tags.parse("building;nixos-base;nixpve;run-0123456789ab");

        assertEquals(written, readBack);
        assertEquals(written.with("verified").without("building"), Tags.parse("nixos-base;nixpve;run-0123456789ab;verified"));
        assertEquals(Tags.none(), Tags.parse(null));
        assertTrue(Tags.parse("").isEmpty());
    }
}

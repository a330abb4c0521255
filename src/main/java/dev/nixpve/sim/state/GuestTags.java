package dev.nixpve.sim.state;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tags as PVE stores them with the datacenter's default tag-style (no case-sensitive, ordering
 * not 'config'): lower-cased, sorted, de-duplicated, joined with ';' (pve-guest-common
 * src/PVE/GuestHelpers.pm get_unique_tags, applied by qemu-server on create and update).
 */
final class GuestTags {

    private GuestTags() {
    }

    static String unique(String tags) {
        return Arrays.stream(tags.split("[;,\\s\\x00]+")).filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT)).sorted().distinct().collect(Collectors.joining(";"));
    }
}

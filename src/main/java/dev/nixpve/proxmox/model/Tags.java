package dev.nixpve.proxmox.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A guest's tags, normalised as PVE stores them with its default tag style (pve-guest-common
 * GuestHelpers::get_unique_tags): lower-cased, de-duplicated, sorted, joined with ';'. The only
 * place nixpve splits, joins or compares tags, so what it writes compares equal to what it reads.
 */
public record Tags(SortedSet<String> values) {

    public Tags {
        SortedSet<String> normal = new TreeSet<>();
        values.forEach(v -> normal.add(v.strip().toLowerCase(Locale.ROOT)));
        normal.remove("");
        values = java.util.Collections.unmodifiableSortedSet(normal);
    }

    public static Tags none() {
        return new Tags(new TreeSet<>());
    }

    public static Tags of(String... tags) {
        return new Tags(new TreeSet<>(Arrays.asList(tags)));
    }

    public static Tags of(Collection<String> tags) {
        return new Tags(new TreeSet<>(tags));
    }

    /** PVE's list as it arrives: separated by ';', ',' or white space; null or empty is no tags. */
    public static Tags parse(String list) {
        return list == null ? none() : of(list.split("[;,\\s]+"));
    }

    public boolean contains(String tag) {
        return values.contains(tag.toLowerCase(Locale.ROOT));
    }

    public boolean containsAll(Tags other) {
        return values.containsAll(other.values);
    }

    public Tags with(String... tags) {
        TreeSet<String> more = new TreeSet<>(values);
        more.addAll(Arrays.asList(tags));
        return new Tags(more);
    }

    public Tags without(String tag) {
        TreeSet<String> fewer = new TreeSet<>(values);
        fewer.remove(tag.toLowerCase(Locale.ROOT));
        return new Tags(fewer);
    }

    /** The first tag (in PVE's order) that starts with {@code prefix}: "build-" gives the build tag. */
    public Optional<String> withPrefix(String prefix) {
        return values.stream().filter(t -> t.startsWith(prefix)).findFirst();
    }

    public Stream<String> stream() {
        return values.stream();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value of PVE's {@code tags} parameter. */
    public String param() {
        return String.join(";", values);
    }

    @Override
    public String toString() {
        return param();
    }
}

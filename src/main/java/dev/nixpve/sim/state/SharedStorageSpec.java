package dev.nixpve.sim.state;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cluster-wide shared storage, as one storage.cfg entry declares it: written
 * {@code ID:TYPE:CONTENT[:NODES]} ({@code nfs:nfs:iso,images}, {@code san:lvm:images:pve1,pve2}).
 * The types are those whose pve-storage plugin can be shared: {@code nfs} and {@code rbd} always are
 * (Plugin.pm's @SHARED_STORAGE), {@code dir} and {@code lvm} with {@code shared 1} (DirPlugin.pm and
 * LVMPlugin.pm take the option; LvmThinPlugin.pm does not, a thin pool cannot be shared). Each holds
 * the content types its plugin allows. An empty {@code nodes} means every node.
 */
public record SharedStorageSpec(String id, String type, Set<String> content, Set<String> nodes) {

    public static final String USAGE = "ID:TYPE:CONTENT[:NODES], TYPE one of nfs, rbd, dir, lvm, e.g. "
            + "nfs:nfs:iso,images or san:lvm:images:pve1,pve2";

    /** What a shared storage of each type can hold (the plugins' plugindata content lists). */
    private static final Map<String, Set<String>> CONTENT = Map.of(
            "nfs", Set.of("images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"),
            "dir", Set.of("images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"),
            "lvm", Set.of("images", "rootdir"),
            "rbd", Set.of("images", "rootdir"));
    /** pve-common's parse_storage_id. */
    private static final Pattern STORAGE_ID = Pattern.compile("(?i)[a-z][a-z0-9\\-_.]*[a-z0-9]");
    /** Every shared storage is this big: room for many 20 GiB templates and their clones. */
    static final long SIZE = 1L << 40;

    public SharedStorageSpec {
        content = Set.copyOf(new LinkedHashSet<>(content));
        nodes = Set.copyOf(nodes);
        if (!STORAGE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("storage ID '" + id + "' contains illegal characters");
        }
        if (type.equals("lvmthin")) {
            throw new IllegalArgumentException("an lvmthin storage cannot be shared (LvmThinPlugin has no 'shared' "
                    + "option); use lvm for a shared volume group");
        }
        Set<String> allowed = CONTENT.get(type);
        if (allowed == null) {
            throw new IllegalArgumentException("storage type '" + type + "' is not one of nfs, rbd, dir, lvm");
        }
        if (content.isEmpty()) {
            throw new IllegalArgumentException("storage '" + id + "' needs at least one content type");
        }
        for (String c : content) {
            if (!allowed.contains(c)) {
                throw new IllegalArgumentException("storage type '" + type + "' does not support content type '"
                        + c + "' (it holds " + String.join(",", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** Parses {@code ID:TYPE:CONTENT[:NODES]}; IllegalArgumentException says what is wrong. */
    public static SharedStorageSpec parse(String spec) {
        String[] parts = spec.strip().split(":", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("invalid shared storage '" + spec + "': expected " + USAGE);
        }
        try {
            Set<String> nodes = parts.length == 4 ? Set.copyOf(list(parts[3])) : Set.of();
            return new SharedStorageSpec(parts[0], parts[1], new LinkedHashSet<>(list(parts[2])), nodes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid shared storage '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** Whether the storage is available on {@code node} (storage.cfg's {@code nodes}, empty for all). */
    public boolean availableOn(String node) {
        return nodes.isEmpty() || nodes.contains(node);
    }

    SimStorage toStorage() {
        return new SimStorage(id, type, content, SIZE, true);
    }

    private static List<String> list(String text) {
        List<String> items = List.of(text.split(",", -1));
        if (items.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("'" + text + "' has an empty item");
        }
        return items;
    }
}

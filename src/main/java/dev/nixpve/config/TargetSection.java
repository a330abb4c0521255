package dev.nixpve.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates the {@code target:} keys into {@link TargetSettings}, with PVE's identifier rules. */
final class TargetSection {

    static final String DEFAULT_NODE = "pve1";
    static final String DEFAULT_ISO_STORAGE = "local";
    static final String DEFAULT_DISK_STORAGE = "local-lvm";
    static final String DEFAULT_BRIDGE = "vmbr0";
    static final VmidRange DEFAULT_VMIDS = new VmidRange(9100, 9199);

    /** PVE's pve-node format. */
    static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    /** PVE's pve-storage-id format. */
    static final Pattern STORAGE = Pattern.compile("[a-z][a-z0-9\\-_.]*[a-z0-9]");
    /** A Linux interface name, as PVE's pve-bridge-id: at most 15 characters. */
    static final Pattern BRIDGE = Pattern.compile("[-_.\\w\\d]{1,15}");
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d+)\\s*-\\s*(\\d+)\\s*");

    static final String NODE_HINT = "a node name as 'pvecm nodes' lists it, letters, digits and '-'";
    static final String ISO_STORAGE_HINT = "a storage id as 'pvesm status' lists it (lower case, e.g. local); it "
            + "needs content 'iso'";
    static final String DISK_STORAGE_HINT = "a storage id as 'pvesm status' lists it (lower case, e.g. local-lvm); "
            + "it needs content 'images'";
    static final String BRIDGE_HINT = "a bridge name as 'ip link' on the node shows it, e.g. vmbr0 (at most 15 "
            + "characters)";

    private TargetSection() {
    }

    static TargetSettings parse(Map<String, RawValue> values) throws ConfigException {
        TargetNodes.Chosen nodes = TargetNodes.read(values);
        String isoStorage = identifier(values.get("target.isoStorage"), DEFAULT_ISO_STORAGE, STORAGE,
                ISO_STORAGE_HINT);
        String diskStorage = identifier(values.get("target.diskStorage"), DEFAULT_DISK_STORAGE, STORAGE,
                DISK_STORAGE_HINT);
        String bridge = identifier(values.get("target.bridge"), DEFAULT_BRIDGE, BRIDGE, BRIDGE_HINT);
        RawValue vmidsValue = values.get("target.vmids");
        VmidRange vmids = vmids(vmidsValue);
        Map<String, PerNodeSection.Entry> perNode = PerNodeSection.read(values.get("target.perNode"));
        PerNodeSection.requireChosen(perNode, nodes);
        VmidOverlaps.requireDisjoint(vmidsValue, vmids, perNode, nodes.selection());
        Map<String, NodeOverride> overrides = new LinkedHashMap<>();
        perNode.forEach((node, entry) -> overrides.put(node, entry.override()));
        return new TargetSettings(nodes.selection(), isoStorage, diskStorage, bridge, vmids, overrides,
                parallelism(values.get("target.parallelism")));
    }

    /**
     * A file names its nodes one way: target.node or target.nodes. (A flag replaces either, see
     * {@link ConfigKeys#OTHER_FORM}, so this is checked on the file's values alone.)
     */
    static void requireOneNodeForm(Map<String, RawValue> fileValues) throws ConfigException {
        RawValue node = TargetNodes.present(fileValues.get("target.node"));
        RawValue nodes = TargetNodes.present(fileValues.get("target.nodes"));
        if (node == null || nodes == null) {
            return;
        }
        RawValue later = node.origin().line() > nodes.origin().line() ? node : nodes;
        RawValue earlier = later == node ? nodes : node;
        String name = node.text().strip();
        throw later.error("set together with " + earlier.key() + " (line " + earlier.origin().line() + "); both "
                + "say which nodes to build on", "keep target.nodes (add " + name + " to its list if it should "
                + "build there too) and delete target.node: " + name + ", or keep only target.node for one node");
    }

    /** How many nodes build at once; none configured means all of them ({@link TargetSettings#parallelismFor}). */
    private static OptionalInt parallelism(RawValue value) throws ConfigException {
        if (TargetNodes.present(value) == null) {
            return OptionalInt.empty();
        }
        String hint = "give how many nodes may build at once, 1 or more; leave it out to build on every node at "
                + "once";
        String text = value.text().strip();
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw value.error("'" + text + "' is not a whole number", hint);
        }
        if (number < 1) {
            throw value.error("'" + text + "' is not a positive number", hint);
        }
        return OptionalInt.of((int) Math.min(number, Integer.MAX_VALUE));
    }

    static String identifier(RawValue value, String fallback, Pattern rule, String hint)
            throws ConfigException {
        if (value == null) {
            return fallback;
        }
        String text = value.text().strip();
        if (!rule.matcher(text).matches()) {
            throw value.error("'" + text + "' is not a valid name", "use " + hint);
        }
        return text;
    }

    static VmidRange vmids(RawValue value) throws ConfigException {
        if (value == null) {
            return DEFAULT_VMIDS;
        }
        String hint = "write a range such as 9100-9199, or first: and last:, within " + VmidRange.MIN + ".."
                + VmidRange.MAX;
        long first;
        long last;
        if (value.node() instanceof YamlNode.Mapping mapping) {
            for (String key : mapping.entries().keySet()) {
                if (!key.equals("first") && !key.equals("last")) {
                    throw value.error("unknown key '" + key + "' in the range", "use first: and last:");
                }
            }
            first = number(value, mapping, "first", hint);
            last = number(value, mapping, "last", hint);
        } else {
            Matcher range = RANGE.matcher(value.text());
            if (!range.matches()) {
                throw value.error("'" + value.text() + "' is not a VMID range", hint);
            }
            first = parse(value, range.group(1), hint);
            last = parse(value, range.group(2), hint);
        }
        if (first > last) {
            throw value.error("the range starts at " + first + " but ends at " + last, "put the smaller VMID first");
        }
        if (first < VmidRange.MIN || last > VmidRange.MAX) {
            throw value.error("VMIDs " + first + "-" + last + " are outside what PVE allows", hint);
        }
        return new VmidRange((int) first, (int) last);
    }

    private static long number(RawValue value, YamlNode.Mapping mapping, String key, String hint)
            throws ConfigException {
        YamlNode.Entry entry = mapping.entries().get(key);
        if (entry == null || !(entry.value() instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
            throw value.error("the range has no '" + key + "'", hint);
        }
        return parse(value, scalar.text(), hint);
    }

    private static long parse(RawValue value, String text, String hint) throws ConfigException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw value.error("'" + text + "' is not a whole number", hint);
        }
    }
}

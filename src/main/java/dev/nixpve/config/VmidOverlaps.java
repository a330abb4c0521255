package dev.nixpve.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VMIDs are cluster-wide, so the ranges of nodes with ranges of their own must not overlap: both
 * nodes would draw on the same ids. Nodes without a range of their own share {@code target.vmids},
 * which then must not overlap any node's own range either.
 */
final class VmidOverlaps {

    /** A range and who draws on it ("pve1 and pve3 use"); {@code node} is empty for target.vmids. */
    private record Claim(Optional<String> node, VmidRange range, Origin origin, String key, String users) {

        String describe() {
            String where = origin.kind() == Origin.Kind.FILE ? " (line " + origin.line() + ")"
                    : origin.kind() == Origin.Kind.DEFAULT ? " (the default)" : " (" + origin + ")";
            return node.map(n -> n + "'s " + range + where).orElse(key + " " + range + where + ", which " + users);
        }
    }

    private VmidOverlaps() {
    }

    static void requireDisjoint(RawValue targetValue, VmidRange target, Map<String, PerNodeSection.Entry> perNode,
                                NodeSelection nodes) throws ConfigException {
        List<Claim> claims = new ArrayList<>();
        sharers(perNode, nodes).ifPresent(users -> claims.add(new Claim(Optional.empty(), target,
                targetValue == null ? Origin.defaults() : targetValue.origin(), "target.vmids", users)));
        for (PerNodeSection.Entry entry : perNode.values()) {
            if (entry.vmids().isPresent()) {
                RawValue value = entry.vmids().get();
                claims.add(new Claim(Optional.of(entry.node()), entry.override().vmids().orElseThrow(),
                        value.origin(), value.key(), entry.node()));
            }
        }
        for (int later = 1; later < claims.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                Claim a = claims.get(earlier);
                Claim b = claims.get(later);
                if (a.range().first() <= b.range().last() && b.range().first() <= a.range().last()) {
                    throw ConfigException.at(b.origin(), b.key(), b.range() + " overlaps " + a.describe()
                            + "; VMIDs are cluster-wide, so both would draw on the same ids",
                            "give each node a range of its own" + free(claims, b.range()));
                }
            }
        }
    }

    /** Who uses target.vmids, in words; empty when every chosen node has a range of its own. */
    private static Optional<String> sharers(Map<String, PerNodeSection.Entry> perNode, NodeSelection nodes) {
        if (!(nodes instanceof NodeSelection.Named named)) {
            return Optional.of("the nodes without vmids of their own use");
        }
        List<String> users = named.nodes().stream()
                .filter(n -> perNode.get(n) == null || perNode.get(n).vmids().isEmpty()).toList();
        if (users.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(users.size() == 1 ? users.get(0) + " uses" : String.join(", ", users.subList(0,
                users.size() - 1)) + " and " + users.get(users.size() - 1) + " use");
    }

    /** A range as long as {@code wanted} after every claimed one, on a round hundred, if PVE allows it. */
    private static String free(List<Claim> claims, VmidRange wanted) {
        long after = claims.stream().mapToLong(c -> c.range().last()).max().orElse(VmidRange.MIN) + 1;
        long first = (after + 99) / 100 * 100;
        long last = first + wanted.last() - wanted.first();
        return last > VmidRange.MAX ? "" : ", e.g. " + first + "-" + last;
    }
}

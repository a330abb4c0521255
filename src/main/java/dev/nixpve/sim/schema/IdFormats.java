package dev.nixpve.sim.schema;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifiers of the ids the read endpoints take in their paths and filters: interfaces (pve-common
 * JSONSchema.pm pve_verify_iface), roles and groups (pve-access-control AccessControl.pm
 * verify_rolename, verify_groupname), replication jobs (pve-guest-common ReplicationConfig.pm),
 * HA resources, SDN objects (pve-network; zone, IPAM, DNS, controller and fabric ids are checked by
 * their schema patterns), firewall IP set entries, backup pruning options (pve-storage Plugin.pm)
 * and calendar events (pve-common CalendarEvent.pm, here only required to be non-empty).
 */
final class IdFormats {

    private static final Pattern IFACE = Perl.anchored("(?i)[a-z][a-z0-9_]{1,20}([:.]\\d+)?");
    private static final Pattern ROLE_OR_GROUP = Perl.anchored("[A-Za-z0-9.\\-_]+");
    private static final Pattern REPLICATION_JOB = Perl.anchored("(\\d+)-(\\d+)");
    private static final Pattern HA_RESOURCE = Perl.anchored("(?:(?:vm|ct):)?\\d+");
    private static final Pattern ALIAS = Perl.anchored("(?:(?:dc|guest)/)?[A-Za-z][A-Za-z0-9\\-_]+");
    private static final Set<String> PRUNE_KEYS = Set.of("keep-all", "keep-last", "keep-hourly", "keep-daily",
            "keep-weekly", "keep-monthly", "keep-yearly");

    private IdFormats() {
    }

    static void register(Map<String, CodeFormat> formats) {
        formats.put("pve-iface", v -> CommonFormats.require(IFACE, v, "invalid network interface name '" + v + "'"));
        formats.put("pve-roleid", v -> CommonFormats.require(ROLE_OR_GROUP, v,
                "role name '" + v + "' contains invalid characters"));
        formats.put("pve-groupid", v -> CommonFormats.require(ROLE_OR_GROUP, v,
                "group name '" + v + "' contains invalid characters"));
        formats.put("pve-replication-job-id", IdFormats::replicationJob);
        formats.put("pve-ha-resource-or-vm-id", v -> CommonFormats.require(HA_RESOURCE, v,
                "unable to parse HA resource id '" + v + "'"));
        for (String sdn : Set.of("zone", "ipam", "dns", "controller", "fabric")) {
            formats.put("pve-sdn-" + sdn + "-id", v -> { });
        }
        formats.put("pve-sdn-subnet-id", IdFormats::subnet);
        formats.put("IPorCIDRorAlias", v -> CommonFormats.require(v.matches("[0-9a-fA-F:.]+(/\\d+)?")
                || Perl.matches(ALIAS, v), "value does not look like a valid IP address or CIDR network"));
        formats.put("prune-backups", IdFormats::pruneBackups);
        formats.put("pve-calendar-event", v -> CommonFormats.require(!v.isBlank(), "unable to parse calendar event"));
    }

    private static void replicationJob(String value) throws FormatException {
        var job = REPLICATION_JOB.matcher(value);
        CommonFormats.require(job.matches(), "invalid replication job id '" + value + "'");
        CommonFormats.require(Integer.parseInt(job.group(1)) >= 100,
                "invalid replication job id '" + value + "' (guest IDs < 100 are reserved)");
    }

    private static void subnet(String value) throws FormatException {
        String cidr = value.contains("/") ? value : value.replaceFirst("^[^-]*-", "").replaceFirst("-(\\d+)$", "/$1");
        CommonFormats.require(cidr.matches("[0-9.]+/\\d{1,2}|[0-9a-fA-F:]+/\\d{1,3}"),
                "value does not look like a valid CIDR network");
    }

    /** Plugin.pm's prune-backups format: keep-* counts, or keep-all alone. */
    private static void pruneBackups(String value) throws FormatException {
        for (String part : value.split(",")) {
            String[] pair = part.split("=", 2);
            CommonFormats.require(pair.length == 2 && PRUNE_KEYS.contains(pair[0]) && pair[1].matches("\\d+"),
                    "invalid prune-backups value '" + part + "'");
        }
        CommonFormats.require(!value.contains("keep-all=1") || !value.contains(","),
                "keep-all cannot be set together with other options.");
    }
}

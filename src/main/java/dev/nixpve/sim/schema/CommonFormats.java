package dev.nixpve.sim.schema;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The verifiers pve-common's {@code src/PVE/JSONSchema.pm} registers, with its regexes and die messages. */
final class CommonFormats {

    // PVE::Tools / PVE::ParseUtils $IPV4RE and $IPV6RE
    private static final String IPV4_OCTET = "(?:25[0-5]|(?:2[0-4]|1[0-9]|[1-9])?[0-9])";
    static final String IPV4 = "(?:(?:" + IPV4_OCTET + "\\.){3}" + IPV4_OCTET + ")";
    private static final String H16 = "(?:[0-9a-fA-F]{1,4})";
    private static final String LS32 = "(?:(?:" + IPV4 + "|" + H16 + ":" + H16 + "))";
    static final String IPV6 = "(?:"
            + "(?:(?:" + "(?:" + H16 + ":){6})" + LS32 + ")|"
            + "(?:(?:" + "::(?:" + H16 + ":){5})" + LS32 + ")|"
            + "(?:(?:(?:" + H16 + ")?::(?:" + H16 + ":){4})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,3}" + H16 + ")?::(?:" + H16 + ":){1})" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,4}" + H16 + ")?::" + ")" + LS32 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,5}" + H16 + ")?::" + ")" + H16 + ")|"
            + "(?:(?:(?:(?:" + H16 + ":){0,6}" + H16 + ")?::" + ")))";

    private static final Pattern URLENCODED = Perl.anchored("[-%a-zA-Z0-9_.!~*'()]*");
    private static final Pattern CONFIGID = Perl.anchored("[a-z][a-z0-9_-]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern STORAGE_ID = Perl.anchored("[a-z][a-z0-9\\-_.]*[a-z0-9]", Pattern.CASE_INSENSITIVE);
    private static final Pattern BRIDGE_ID = Perl.anchored("[-_.\\w\\d]+");
    private static final Pattern VMID = Perl.anchored("[1-9][0-9]{2,8}");
    private static final Pattern NODE = Perl.anchored("([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)");
    private static final Pattern MAC = Perl.anchored("[a-f0-9][02468ace](?::[a-f0-9]{2}){5}", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4_RE = Perl.anchored(IPV4);
    private static final Pattern IPV6_RE = Perl.anchored(IPV6);
    private static final Pattern CIDRV4 = Perl.anchored(IPV4 + "(?:/(\\d+))");
    private static final Pattern CIDRV6 = Perl.anchored(IPV6 + "(?:/(\\d+))");
    private static final String LABEL = "([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)";
    private static final Pattern DNS_NAME = Perl.anchored("(" + LABEL + "\\.)*" + LABEL);
    private static final Pattern SIZE = Perl.anchored("(\\d+(\\.\\d+)?)([KMGT])?");
    private static final Pattern TAG = Perl.anchored("[a-z0-9_][a-z0-9_\\-+.]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TASK_STATUS = Perl.anchored("ok|error|warning|unknown", Pattern.CASE_INSENSITIVE);

    private CommonFormats() {
    }

    static void register(Map<String, CodeFormat> formats) {
        formats.put("string", v -> { });
        formats.put("urlencoded", v -> require(URLENCODED, v, "invalid urlencoded string: " + v));
        formats.put("pve-configid", v -> require(CONFIGID, v, "invalid configuration ID '" + v + "'"));
        // pve-network VnetPlugin: a letter, then up to 7 letters or digits.
        formats.put("pve-sdn-vnet-id", v -> require(java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,7}"), v,
                "vnet ID '" + v + "' contains illegal characters"));
        formats.put("pve-storage-id", v -> require(STORAGE_ID, v, "storage ID '" + v + "' contains illegal characters"));
        formats.put("pve-bridge-id", v -> require(BRIDGE_ID, v, "invalid bridge ID '" + v + "'"));
        formats.put("pve-vmid", v -> require(VMID, v, "value does not look like a valid VM ID"));
        formats.put("pve-node", v -> require(NODE, v, "value does not look like a valid node name"));
        formats.put("mac-addr", v -> require(MAC, v, "value does not look like a valid unicast MAC address"));
        formats.put("ipv4", v -> require(IPV4_RE, v, "value does not look like a valid IPv4 address"));
        formats.put("ipv6", v -> require(IPV6_RE, v, "value does not look like a valid IPv6 address"));
        formats.put("ip", v -> require(isIp(v), "value does not look like a valid IP address"));
        formats.put("CIDRv4", v -> require(isCidr(CIDRV4, v, 32), "value does not look like a valid IPv4 CIDR network"));
        formats.put("CIDRv6", v -> require(isCidr(CIDRV6, v, 128), "value does not look like a valid IPv6 CIDR network"));
        formats.put("CIDR", v -> require(isCidr(CIDRV4, v, 32) || isCidr(CIDRV6, v, 128),
                "value does not look like a valid CIDR network"));
        formats.put("pve-ipv4-config", v -> require(v.matches("dhcp|manual") || isCidr(CIDRV4, v, 32),
                "value does not look like a valid ipv4 network configuration"));
        formats.put("pve-ipv6-config", v -> require(v.matches("auto|dhcp|manual") || isCidr(CIDRV6, v, 128),
                "value does not look like a valid ipv6 network configuration"));
        formats.put("dns-name", v -> require(DNS_NAME, v, "value does not look like a valid DNS name"));
        formats.put("address", v -> require(isIp(v) || Perl.matches(DNS_NAME, v),
                "value does not look like a valid address: " + v));
        formats.put("disk-size", v -> require(SIZE, v, "value does not look like a valid disk size: " + v));
        formats.put("pve-tag", v -> require(TAG, v, "invalid characters in tag"));
        formats.put("pve-startup-order", v -> require(isStartupOrder(v), "unable to parse startup options"));
        formats.put("pve-task-status-type", v -> require(TASK_STATUS, v, "invalid status '" + v + "'"));
        formats.put("storage-pair", CommonFormats::verifyStoragePair);
    }

    static void require(Pattern pattern, String value, String message) throws FormatException {
        require(Perl.matches(pattern, value), message);
    }

    /** Dies the way the verifiers do: the message plus "\n". */
    static void require(boolean ok, String message) throws FormatException {
        if (!ok) {
            throw new FormatException(message + "\n");
        }
    }

    static boolean isIp(String value) {
        return Perl.matches(IPV4_RE, value) || Perl.matches(IPV6_RE, value);
    }

    /** pve_verify_cidrv4/6: the prefix must be above 7 and at most the address width. */
    private static boolean isCidr(Pattern pattern, String value, int maxBits) {
        Matcher m = pattern.matcher(value);
        if (!m.find()) {
            return false;
        }
        String bits = m.group(1).replaceFirst("^0+(?=.)", "");
        return bits.length() <= 3 && Integer.parseInt(bits) > 7 && Integer.parseInt(bits) <= maxBits;
    }

    /** pve_parse_startup_order: "[order=]N", "up=N", "down=N", comma-separated; false for "" and "0". */
    private static boolean isStartupOrder(String value) {
        if (!Perl.truthy(value)) {
            return false;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank() && !part.matches("(order=)?\\d+|up=\\d+|down=\\d+")) {
                return false;
            }
        }
        return true;
    }

    /**
     * verify_storagepair → parse_idmap on one list entry: "1", "SOURCE:TARGET" or a default target,
     * each a storage ID. The message gains a newline at each of PVE's two re-throws.
     */
    private static void verifyStoragePair(String entryList) throws FormatException {
        for (String entry : Perl.splitList(entryList)) {
            if (entry.equals("1")) {
                continue;
            }
            Matcher pair = Pattern.compile("^([^:]+):([^:]+)$").matcher(entry);
            String[] ids = pair.matches() ? new String[] {pair.group(1), pair.group(2)} : new String[] {entry};
            for (String id : ids) {
                if (!Perl.matches(STORAGE_ID, id)) {
                    throw new FormatException("entry '" + entry + "' contains invalid ID - storage ID '" + id
                            + "' contains illegal characters\n\n\n");
                }
            }
        }
    }
}

package dev.nixpve.proxmox.model;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PVE task id: {@code UPID:node:pid:pstart:starttime:type:id:user:} (note the trailing colon).
 * The pattern is PVE's own (pve-common {@code PVE/UPID.pm}); {@code id} may be empty (imgcopy)
 * and {@code user} may name an API token ({@code user@realm!token}).
 */
public record Upid(String raw, String node, long pid, long pstart, Instant startTime, String type, String id,
                   String user) {

    private static final Pattern UPID = Pattern.compile(
            "^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):"
                    + "([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

    public static Upid parse(String raw) {
        Matcher m = UPID.matcher(raw == null ? "" : raw);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Proxmox VE task id (UPID): '" + raw + "'");
        }
        return new Upid(raw, m.group(1), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16),
                Instant.ofEpochSecond(Long.parseLong(m.group(5), 16)), m.group(6), m.group(7), m.group(8));
    }

    public static boolean looksLikeUpid(String value) {
        return value != null && UPID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return raw;
    }
}

package dev.nixpve.proxmox.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * State of a PVE task. {@code exitStatus} exists only once stopped: {@code OK}, {@code WARNINGS: n}
 * (succeeded with warnings), or the error text; {@code unexpected status} is a failure too.
 */
public record TaskStatus(Upid upid, boolean running, Optional<String> exitStatus) {

    private static final Pattern WARNINGS = Pattern.compile("^WARNINGS: (\\d+)$");

    public boolean succeeded() {
        return !running && exitStatus.map(s -> s.equals("OK") || WARNINGS.matcher(s).matches()).orElse(false);
    }

    public boolean failed() {
        return !running && !succeeded();
    }

    public int warnings() {
        return exitStatus.map(WARNINGS::matcher).filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1)))
                .orElse(0);
    }
}

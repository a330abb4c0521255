package dev.nixpve.proxmox.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's version: "6.2-4" / "7.2-3" style up to 7.x, "8.4.1" / "9.0.4" from 8.0 on. */
public record PveVersion(String version, String release, String repoId) {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    public int major() {
        return part(1);
    }

    public int minor() {
        return part(2);
    }

    public boolean atLeast(int major, int minor) {
        return major() > major || (major() == major && minor() >= minor);
    }

    private int part(int group) {
        Matcher m = MAJOR_MINOR.matcher(version);
        return m.find() ? Integer.parseInt(m.group(group)) : 0;
    }
}

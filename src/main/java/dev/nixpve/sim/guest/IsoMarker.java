package dev.nixpve.sim.guest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the simulator recognises a nixpve installer ISO: the stand-in ISO the demo builds (and a
 * test writes) carries {@code NIXPVE-SIM-ISO build-token=<token>} in its first MiB. Any other ISO
 * boots as a plain live system that installs nothing.
 */
public final class IsoMarker {

    public static final String PREFIX = "NIXPVE-SIM-ISO build-token=";

    private static final int SCAN_BYTES = 1 << 20;
    private static final Pattern MARKER = Pattern.compile(Pattern.quote(PREFIX) + "([A-Za-z0-9._-]{1,128})");

    private IsoMarker() {
    }

    /** The line a stand-in ISO carries for {@code buildToken}. */
    public static String line(String buildToken) {
        return PREFIX + buildToken + "\n";
    }

    public static Optional<String> buildToken(Path iso) {
        try (InputStream in = Files.newInputStream(iso)) {
            String head = new String(in.readNBytes(SCAN_BYTES), StandardCharsets.ISO_8859_1);
            Matcher matcher = MARKER.matcher(head);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

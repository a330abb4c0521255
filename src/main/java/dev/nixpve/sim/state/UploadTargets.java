package dev.nixpve.sim.state;

import dev.nixpve.sim.http.PveError;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filename rules of pve-storage's upload per content type (PVE/API2/Storage/Status.pm, with
 * the extension patterns of PVE/Storage.pm), and where each kind lands on a directory storage.
 */
final class UploadTargets {

    /** Where an upload goes: its volume name on the storage, its path on the node, its format. */
    record Target(String volname, String path, String format) {
    }

    private static final Pattern ISO = Pattern.compile("(?i)[^/]+\\.(?:iso|img)");
    private static final Pattern VZTMPL = Pattern.compile("(?i)[^/]+\\.(?:tar(?!\\.)|tar\\.(?:gz|xz|zst|bz2))");
    private static final Pattern IMPORT = Pattern.compile("[a-zA-Z0-9\\-.+=_]+\\.(ova|qcow2|raw|vmdk)");
    private static final Map<String, String> SUBDIR = Map.of("iso", "iso", "vztmpl", "vztmpl", "import", "import");

    private UploadTargets() {
    }

    /** The target of a (normalised) filename in the storage's directory, or the parameter error PVE raises. */
    static Target of(String content, String filename, String storagePath) {
        switch (content) {
            case "iso" -> require(ISO.matcher(filename).matches(), "wrong file extension");
            case "vztmpl" -> require(VZTMPL.matcher(filename).matches(), "wrong file extension");
            case "import" -> require(IMPORT.matcher(filename).matches(), "invalid filename or wrong extension");
            default -> throw PveError.parameter("content", "upload content type '" + content + "' not allowed");
        }
        String volname = SUBDIR.get(content) + "/" + filename;
        String path = storagePath + (content.equals("import") ? "/import/" + filename
                : "/template/" + (content.equals("iso") ? "iso/" : "cache/") + filename);
        Matcher imported = IMPORT.matcher(filename);
        String format = content.equals("import") && imported.matches()
                ? imported.group(1).toLowerCase(Locale.ROOT) : content;
        return new Target(volname, path, format);
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw PveError.parameter("filename", message);
        }
    }
}

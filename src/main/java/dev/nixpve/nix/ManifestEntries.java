package dev.nixpve.nix;

import java.util.Set;
import java.util.regex.Pattern;

/** What a MANIFEST entry may be: a plain relative path that does not collide with what the render writes itself. */
final class ManifestEntries {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");
    /** Written by the render or by nix build; a template of the same name would overwrite or shadow them. */
    static final Set<String> RESERVED = Set.of(ImageData.FILE_NAME, BuildIdentity.FILE_NAME, TemplateRenderer.FLAKE_LOCK,
            TemplateSource.MANIFEST);

    private ManifestEntries() {
    }

    /** Null when fine, otherwise what is wrong, worded to follow the entry. */
    static String problem(String entry) {
        if (RESERVED.contains(entry)) {
            return "is written by nixpve or nix itself and cannot be a template";
        }
        for (String segment : entry.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..")) {
                return "is not a plain relative path (letters, digits, '.', '_', '+', '-' between '/'; no '..', "
                        + "no leading '/')";
            }
        }
        return null;
    }
}

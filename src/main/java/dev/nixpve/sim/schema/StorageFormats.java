package dev.nixpve.sim.schema;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Verifiers from pve-storage's {@code src/PVE/Storage/Plugin.pm}, and qemu-server's volume-or-path wrappers. */
final class StorageFormats {

    private static final Pattern VOLUME_ID = Perl.anchored("([a-z][a-z0-9\\-_.]*[a-z0-9]):(.+)", Pattern.CASE_INSENSITIVE);
    // verify_content: 'import', or a content type of the dir plugin, which supports them all
    private static final Set<String> CONTENT = Set.of(
            "images", "rootdir", "vztmpl", "iso", "backup", "snippets", "none", "import");

    private StorageFormats() {
    }

    static void register(Map<String, CodeFormat> formats) {
        formats.put("pve-volume-id", StorageFormats::volumeId);
        formats.put("pve-storage-content", v -> CommonFormats.require(CONTENT.contains(v), "invalid content type '" + v + "'"));
        // qemu-server src/PVE/QemuServer.pm
        formats.put("pve-volume-id-or-absolute-path", StorageFormats::volumeIdOrAbsolutePath);
        formats.put("pve-volume-id-or-qm-path", v -> {
            if (!v.equals("none") && !v.equals("cdrom")) {
                volumeIdOrAbsolutePath(v);
            }
        });
    }

    private static void volumeId(String volid) throws FormatException {
        CommonFormats.require(VOLUME_ID, volid, "unable to parse volume ID '" + volid + "'");
    }

    private static void volumeIdOrAbsolutePath(String volid) throws FormatException {
        if (!volid.startsWith("/")) {
            volumeId(volid);
        }
    }
}

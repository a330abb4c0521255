package dev.nixpve.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates the optional {@code nfs:} keys into an {@link NfsMount}; no server means no NFS mount. */
final class NfsSection {

    static final String DEFAULT_MOUNT_POINT = "/mnt/nfs";
    static final List<String> DEFAULT_OPTIONS = List.of("nfsvers=4.2");

    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?"
            + "|\\[[0-9A-Fa-f:]+\\]");
    private static final Pattern ABSOLUTE = Pattern.compile("/([A-Za-z0-9._@+-]+/?)*");
    /** mount -o items; the always-added ones are ours, and 'intr' does nothing on current kernels. */
    private static final Pattern OPTION = Pattern.compile("[a-z0-9_.-]+(=[A-Za-z0-9_.,:/-]+)?");

    private NfsSection() {
    }

    static Optional<NfsMount> parse(Map<String, RawValue> raw) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        Optional<String> server = values.optionalText("nfs.server", SERVER,
                "write a host name or IP address, e.g. nas.lan or 192.168.1.4");
        if (server.isEmpty()) {
            for (String key : List.of("nfs.export", "nfs.mountPoint", "nfs.options")) {
                if (values.raw(key).isPresent()) {
                    throw values.raw(key).get().error("is set but nfs.server is not",
                            "set nfs.server to mount the export, or remove the nfs section");
                }
            }
            return Optional.empty();
        }
        Optional<String> export = values.optionalText("nfs.export", ABSOLUTE,
                "write the exported path as the server shows it ('showmount -e SERVER'), e.g. /volume1/k8s");
        if (export.isEmpty()) {
            throw values.raw("nfs.server").get().error("an NFS server is set but no export",
                    "add nfs.export: /path/on/the/server");
        }
        String mountPoint = values.text("nfs.mountPoint", DEFAULT_MOUNT_POINT, ABSOLUTE,
                "write an absolute directory such as /mnt/nfs");
        if (mountPoint.equals("/") || mountPoint.matches("/(nix|boot|etc|usr|var|run|proc|sys|dev)(/.*)?")) {
            throw values.raw("nfs.mountPoint").get().error("'" + mountPoint + "' is a system directory",
                    "mount the share below /mnt or /srv");
        }
        List<String> options = values.list("nfs.options", OPTION,
                "list mount options such as nfsvers=4.2, rsize=1048576");
        for (String option : options) {
            if (option.equals("intr") || option.equals("nointr")) {
                throw values.raw("nfs.options").get().error("'" + option + "' has no effect on current kernels",
                        "remove it; NFS mounts are interruptible by SIGKILL since Linux 2.6.25");
            }
        }
        return Optional.of(new NfsMount(server.get(), export.get(), mountPoint,
                options.isEmpty() ? DEFAULT_OPTIONS : options));
    }
}

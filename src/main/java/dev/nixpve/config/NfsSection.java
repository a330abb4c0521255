package dev.nixpve.config;

import java.util.ArrayList;
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
    /** mount -o items; an item may hold several, separated by commas. */
    private static final Pattern OPTION = Pattern.compile("[a-z0-9_.-]+(=[A-Za-z0-9_.:/-]+)?(,[a-z0-9_.-]+"
            + "(=[A-Za-z0-9_.:/-]+)?)*");
    /** Top-level directories of the installed system that a share must not cover (Linux's FHS and NixOS). */
    static final List<String> SYSTEM_DIRECTORIES = List.of("nix", "etc", "boot", "bin", "sbin", "lib", "lib64", "usr",
            "var", "run", "proc", "sys", "dev", "home", "root", "tmp");
    /** nfs(5) options that take no value, and mount(8)'s generic ones that are safe on a share. */
    private static final List<String> FLAGS = List.of("soft", "hard", "softreval", "nosoftreval", "ac", "noac", "bg",
            "fg", "sharecache", "nosharecache", "resvport", "noresvport", "rdirplus", "nordirplus", "lock", "nolock",
            "cto", "nocto", "acl", "noacl", "fsc", "nofsc", "migration", "nomigration", "trunkdiscovery",
            "notrunkdiscovery", "ro", "rw", "noatime", "atime", "relatime", "norelatime", "nodiratime",
            "strictatime", "lazytime", "nosuid", "nodev", "noexec", "exec", "sync", "async", "_netdev", "nofail",
            "auto", "noauto");
    /** nfs(5) options written name=value. */
    private static final List<String> WITH_VALUE = List.of("nfsvers", "vers", "minorversion", "rsize", "wsize",
            "timeo", "retrans", "retry", "acregmin", "acregmax", "acdirmin", "acdirmax", "actimeo", "sec", "proto",
            "port", "mountport", "mountproto", "mounthost", "mountvers", "namlen", "lookupcache", "local_lock",
            "nconnect", "max_connect", "clientaddr", "fsc", "xprtsec", "context", "rdirplus");
    /** Options that are known but wrong here, with why. */
    private static final Map<String, String> REFUSED = Map.of(
            "intr", "has no effect on current kernels: NFS mounts are interruptible by SIGKILL since Linux 2.6.25",
            "nointr", "has no effect on current kernels: NFS mounts are interruptible by SIGKILL since Linux 2.6.25",
            "suid", "would run set-uid programs from the share as their owner, so whoever controls the NAS gets "
                    + "root on every clone",
            "dev", "would let device files on the share open the clone's devices, so whoever controls the NAS "
                    + "gets root on every clone",
            "user", "lets any user mount and unmount the share",
            "users", "lets any user mount and unmount the share",
            "owner", "lets the device's owner mount and unmount the share",
            "defaults", "means rw,suid,dev,exec,auto,nouser,async: suid and dev would trust the NAS with root");

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
        checkMountPoint(values, mountPoint);
        List<String> options = new ArrayList<>();
        String hint = "list mount options such as nfsvers=4.2, rsize=1048576";
        for (String item : values.list("nfs.options", OPTION, hint)) {
            for (String option : item.split(",")) { // one item may hold several: nfsvers=4.2,suid
                if (!option.isBlank()) {
                    checkOption(values.raw("nfs.options").get(), option.strip());
                    options.add(option.strip());
                }
            }
        }
        return Optional.of(new NfsMount(server.get(), export.get(), mountPoint,
                options.isEmpty() ? DEFAULT_OPTIONS : options));
    }

    /**
     * An NFS share mounted over the system would replace it: the Nix store, the configuration, the
     * boot files, the homes. Mount points under them, and paths with '.' or '..' that could lead
     * there, are refused.
     */
    private static void checkMountPoint(SectionValues values, String mountPoint) throws ConfigException {
        String bad = null;
        if (Pattern.compile("(^|/)\\.{1,2}(/|$)").matcher(mountPoint).find() || mountPoint.contains("//")) {
            bad = "'" + mountPoint + "' has '.', '..' or an empty part; write the plain path";
        } else if (mountPoint.replaceAll("/+$", "").isEmpty()) {
            bad = "'/' is the root file system";
        } else {
            String top = mountPoint.split("/")[1];
            if (SYSTEM_DIRECTORIES.contains(top)) {
                bad = "'" + mountPoint + "' is " + (mountPoint.replaceAll("/+$", "").equals("/" + top) ? "" : "under ")
                        + "the system directory /" + top;
            }
        }
        if (bad != null) {
            throw values.raw("nfs.mountPoint").orElseThrow().error(bad, "mount the share below /mnt or /srv, "
                    + "e.g. /mnt/nfs");
        }
    }

    /** Known mount options only, so a typo or a combination cannot slip something through. */
    private static void checkOption(RawValue value, String option) throws ConfigException {
        int eq = option.indexOf('=');
        String name = eq < 0 ? option : option.substring(0, eq);
        if (REFUSED.containsKey(name)) {
            throw value.error("'" + option + "' " + REFUSED.get(name), "remove it");
        }
        boolean known = name.startsWith("x-systemd.") || (eq < 0 ? FLAGS : WITH_VALUE).contains(name);
        if (!known) {
            List<String> all = new ArrayList<>(FLAGS);
            all.addAll(WITH_VALUE);
            throw value.error("'" + option + "' is not an NFS mount option nixpve knows", Suggestions.closest(name, all)
                    .map(s -> "did you mean '" + s + "'? ").orElse("") + "see nfs(5) and mount(8); options such as "
                    + "nfsvers=4.2, hard, rsize=1048576, noatime");
        }
    }
}

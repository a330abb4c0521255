package dev.nixpve.nix.templates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs nixpve-install.sh against recording fakes: PATH holds only the fakes (every command that
 * touches disks, mounts, sleeps or powers off) and links to a few harmless real tools (jq, date,
 * coreutils). Each fake appends its argv as one line to a call log and copies the current progress
 * file aside, so a test sees the command sequence and the progress file at every command.
 */
final class InstallerSandbox {

    static final String SYSTEM = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-node-1-25.11";
    static final String TOKEN = "0123456789abcdef0123";

    /** Commands the script may run that must never be real in a test. */
    private static final List<String> FAKES = List.of("blockdev", "wipefs", "parted", "udevadm", "pvcreate",
            "vgcreate", "lvcreate", "vgchange", "mkfs.ext4", "mkswap", "mkfs.fat", "mount", "umount", "nix-store",
            "nixos-install", "sync", "sleep", "systemctl");
    /** Real tools the script needs for its own bookkeeping. */
    private static final List<String> REAL = List.of("date", "mkdir", "mktemp", "mv", "chmod", "tail", "tee", "wc");

    private static final String FAKE_SCRIPT = """
            #!%s
            # A recording fake: one line per call, arguments quoted as bash would need them.
            name=${0##*/}
            line=$name
            for arg in "$@"; do line+=" $(printf '%%q' "$arg")"; done
            printf '%%s\\n' "$line" >>"$FAKE_CALLS"
            if [ -f "$FAKE_PROGRESS" ]; then
                shopt -s nullglob
                taken=("$FAKE_SNAPSHOTS"/*.json)
                printf '%%s' "$(<"$FAKE_PROGRESS")" >"$FAKE_SNAPSHOTS/$(printf '%%03d' "${#taken[@]}")-$name.json"
            fi
            if [ "$name" = "${FAKE_FAIL:-}" ]; then
                echo "$name: simulated failure, \\"quoted\\" and a \\\\ backslash, Gerät „sda“" >&2
                exit 1
            fi
            case "$name" in
                blockdev) echo "$FAKE_DISK_SIZE" ;;
                nix-store) printf '/nix/store/aaa-one\\n/nix/store/bbb-two\\n' ;;
                nixos-install)
                    echo "copying path '/nix/store/aaa-one' from 'auto'..."
                    if [ -n "${FAKE_BOOTLOADER:-}" ]; then
                        mkdir -p "$(dirname "$NIXPVE_MNT/$FAKE_BOOTLOADER")"
                        : >"$NIXPVE_MNT/$FAKE_BOOTLOADER"
                    fi
                    ;;
            esac
            exit 0
            """;

    /** {@code rawProgress}: every progress file the run wrote (the snapshots, then the last), byte for byte. */
    record Run(int exitCode, String output, List<String> calls, List<InstallProgress> snapshots,
               InstallProgress last, String console, List<byte[]> rawProgress) {

        /** The phases the progress file went through, each once, ending with the final one. */
        List<String> phases() {
            List<String> phases = new ArrayList<>();
            for (InstallProgress p : snapshots) {
                add(phases, p.phase().wireName());
            }
            add(phases, last.phase().wireName());
            return phases;
        }

        private static void add(List<String> phases, String phase) {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                phases.add(phase);
            }
        }
    }

    private final Path dir;
    private final Path bash;
    private final ObjectNode config;
    private final Map<String, String> env = new HashMap<>();
    private String serial = TOKEN;
    private String mounts = "";
    final Path mnt;

    private InstallerSandbox(Path dir, Path bash) throws IOException {
        this.dir = dir;
        this.bash = bash;
        this.mnt = Files.createDirectories(dir.resolve("mnt"));
        ObjectMapper json = new ObjectMapper();
        config = json.createObjectNode();
        config.put("version", 1).put("buildToken", TOKEN).put("swapMiB", 4096).put("firmware", "bios")
                .put("progressPath", dir.resolve("run/nixpve/install-progress.json").toString())
                .put("doneHoldSeconds", 30).put("failedHoldSeconds", 600).put("vgName", "nixpve")
                .put("rootLv", "root").put("swapLv", "swap").put("rootLabel", "nixos").put("espLabel", "ESP");
        config.putObject("disk").put("device", "/dev/sda").put("bus", "scsi").put("minBytes", 10L << 30);
        env.put("FAKE_DISK_SIZE", Long.toString(20L << 30));
        env.put("NIXPVE_ALLOW_NON_BLOCK", "1");
    }

    /** Skips (or fails under NIXPVE_REQUIRE_TOOLS=1) without bash, jq or coreutils. */
    static InstallerSandbox create(Path dir) throws IOException {
        Path bash = ExternalTools.require("bash", "bash");
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("jq"), ExternalTools.require("jq", "jq"));
        Files.createSymbolicLink(tools.resolve("dirname"), ExternalTools.require("dirname", "coreutils"));
        for (String tool : REAL) {
            Files.createSymbolicLink(tools.resolve(tool), ExternalTools.require(tool, "coreutils"));
        }
        Path fakes = Files.createDirectories(dir.resolve("fakes"));
        for (String fake : FAKES) {
            Path script = fakes.resolve(fake);
            Files.writeString(script, FAKE_SCRIPT.formatted(bash), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new InstallerSandbox(dir, bash);
    }

    InstallerSandbox disk(String device, String bus) {
        ((ObjectNode) config.get("disk")).put("device", device).put("bus", bus);
        return this;
    }

    InstallerSandbox firmware(String firmware) {
        config.put("firmware", firmware);
        return this;
    }

    InstallerSandbox swapMiB(long swapMiB) {
        config.put("swapMiB", swapMiB);
        return this;
    }

    InstallerSandbox diskSize(long bytes) {
        env.put("FAKE_DISK_SIZE", Long.toString(bytes));
        return this;
    }

    InstallerSandbox serial(String serial) {
        this.serial = serial;
        return this;
    }

    /** The named fake exits 1 with an error message. */
    InstallerSandbox failing(String command) {
        env.put("FAKE_FAIL", command);
        return this;
    }

    /** A /proc/mounts line. */
    InstallerSandbox mounted(String line) {
        mounts += line + "\n";
        return this;
    }

    /** Requires a real block device, as on the live ISO. */
    InstallerSandbox strictBlockDevice() {
        env.remove("NIXPVE_ALLOW_NON_BLOCK");
        return this;
    }

    /** The file the fake nixos-install creates under the mount point; null for none. */
    InstallerSandbox bootloaderFile(String relative) {
        if (relative == null) {
            env.put("FAKE_BOOTLOADER", "");
        } else {
            env.put("FAKE_BOOTLOADER", relative);
        }
        return this;
    }

    Path progressPath() {
        return Path.of(config.get("progressPath").asText());
    }

    Run run() throws IOException, InterruptedException {
        Path calls = dir.resolve("calls.log");
        Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Path console = dir.resolve("console");
        Path serialFile = dir.resolve("product_serial");
        Path configFile = dir.resolve("install.json");
        Files.writeString(proc.resolve("mounts"), mounts);
        Files.writeString(proc.resolve("swaps"), "Filename\tType\tSize\tUsed\tPriority\n");
        Files.writeString(console, "");
        Files.writeString(serialFile, serial + "\n");
        Files.writeString(configFile, config.toString());
        Files.writeString(calls, "");

        ProcessBuilder builder = new ProcessBuilder(bash.toString(),
                NixTemplates.INSTALL_SCRIPT.toAbsolutePath().toString(), "--config", configFile.toString(),
                "--system", SYSTEM).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", dir.resolve("fakes") + ":" + dir.resolve("tools"));
        environment.put("NIXPVE_DMI_SERIAL", serialFile.toString());
        environment.put("NIXPVE_MNT", mnt.toString());
        environment.put("NIXPVE_PROC", proc.toString());
        environment.put("NIXPVE_CONSOLE", console.toString());
        environment.put("FAKE_CALLS", calls.toString());
        environment.put("FAKE_SNAPSHOTS", snapshots.toString());
        environment.put("FAKE_PROGRESS", progressPath().toString());
        environment.putIfAbsent("FAKE_BOOTLOADER",
                "uefi".equals(config.get("firmware").asText()) ? "boot/EFI/BOOT/BOOTX64.EFI" : "boot/grub/grub.cfg");
        environment.putAll(env);

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the install script did not finish:\n" + output);
        }
        List<InstallProgress> taken = new ArrayList<>();
        List<byte[]> raw = new ArrayList<>();
        try (Stream<Path> files = Files.list(snapshots)) {
            for (Path file : files.sorted().toList()) {
                raw.add(Files.readAllBytes(file));
                taken.add(InstallProgress.parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        raw.add(Files.readAllBytes(progressPath()));
        InstallProgress last = InstallProgress.parse(Files.readString(progressPath(), StandardCharsets.UTF_8));
        return new Run(process.exitValue(), output, Files.readAllLines(calls, StandardCharsets.UTF_8), taken, last,
                Files.readString(console, StandardCharsets.UTF_8), List.copyOf(raw));
    }
}

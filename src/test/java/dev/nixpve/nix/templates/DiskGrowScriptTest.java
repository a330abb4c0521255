package dev.nixpve.nix.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modules/disk-grow.nix's script, taken from the shipped file and run in bash against fakes that
 * answer as a real LVM-on-partition disk does: /dev/sda2 is the PV of volume group nixpve, and
 * {@code lsblk -no PKNAME /dev/sda2} without {@code -d} also prints a line for each LV holder.
 */
class DiskGrowScriptTest {

    private static final Pattern SCRIPT = Pattern.compile("script = ''\\n(.*?)\\n    '';", Pattern.DOTALL);

    private static final String FAKE = """
            #!%s
            name=${0##*/}
            printf '%%s\\n' "$name $*" >>"$FAKE_CALLS"
            case "$name" in
                pvs) echo "  /dev/sda2" ;;
                vgs) echo "  $FAKE_FREE_EXTENTS" ;;
                cat) [ "$1" = /sys/class/block/sda2/partition ] && echo 2 ;;
                lsblk)
                    # PKNAME of the partition, then of each holder (the LVs) unless -d limits it to the device.
                    echo "sda"
                    case "$1" in -*d*) ;; *) echo "sda2"; echo "sda2" ;; esac ;;
                growpart)
                    if [ "$FAKE_GROW" = yes ]; then echo "CHANGED: partition=2 start=4096 old: size=41938911 new: size=62910431";
                    else echo "NOCHANGE: partition 2 is size 41938911. it cannot be grown"; exit 1; fi ;;
            esac
            exit 0
            """;

    /** What runs on every boot: find the PV, its disk and partition number, grow both, read the free extents. */
    private static final List<String> GROW_STEPS = List.of("pvs --noheadings -o pv_name --select vg_name=nixpve",
            "lsblk -dno PKNAME /dev/sda2",
            "cat /sys/class/block/sda2/partition",
            "growpart /dev/sda 2",
            "pvresize /dev/sda2",
            "vgs --noheadings -o vg_free_count nixpve");

    @TempDir
    Path dir;

    @Test
    void nothingToGrowSucceedsAndChangesNothing() throws Exception {
        Run run = run(false, 0);

        assertEquals(0, run.exitCode(), run.calls().toString());
        assertEquals(concat(GROW_STEPS, "resize2fs /dev/nixpve/root"), run.calls(),
                "pvresize and resize2fs are no-ops on a full disk");
    }

    @Test
    void aDiskGrownBy10GibGrowsThePartitionThePvTheLvAndTheFileSystem() throws Exception {
        Run run = run(true, 2560);

        assertEquals(0, run.exitCode(), run.calls().toString());
        assertEquals(concat(GROW_STEPS, "lvextend -l +100%FREE nixpve/root", "resize2fs /dev/nixpve/root"),
                run.calls());
    }

    @Test
    void theScriptPassesShellcheck() throws Exception {
        Path shellcheck = ExternalTools.require("shellcheck", "shellcheck");
        Path script = dir.resolve("disk-grow.sh");
        Files.writeString(script, shippedScript(), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(shellcheck.toString(), "--shell=bash", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "shellcheck hangs");
        assertEquals(0, process.exitValue(), output);
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }

    private record Run(int exitCode, List<String> calls) {
    }

    private Run run(boolean grow, int freeExtents) throws IOException, InterruptedException {
        Path bash = ExternalTools.require("bash", "bash");
        Path fakes = Files.createDirectories(dir.resolve("fakes"));
        for (String tool : List.of("pvs", "vgs", "lsblk", "cat", "growpart", "pvresize", "lvextend", "resize2fs")) {
            Path fake = fakes.resolve(tool);
            Files.writeString(fake, FAKE.formatted(bash), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String real : List.of("tr", "head", "basename", "readlink")) {
            Files.createSymbolicLink(fakes.resolve(real), ExternalTools.require(real, "coreutils"));
        }
        Path script = dir.resolve("disk-grow.sh");
        Files.writeString(script, shippedScript(), StandardCharsets.UTF_8);
        Path calls = dir.resolve("calls");
        Files.writeString(calls, "");
        ProcessBuilder builder = new ProcessBuilder(bash.toString(), script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", fakes.toString());
        builder.environment().put("FAKE_CALLS", calls.toString());
        builder.environment().put("FAKE_GROW", grow ? "yes" : "no");
        builder.environment().put("FAKE_FREE_EXTENTS", Integer.toString(freeExtents));
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the disk-grow script hangs");
        }
        return new Run(process.exitValue(), Files.readAllLines(calls));
    }

    /** The script as Nix renders it: the two escaped layout names filled in, the indentation stripped. */
    private static String shippedScript() throws IOException {
        String nix = Files.readString(NixTemplates.DIR.resolve("modules/disk-grow.nix"));
        Matcher m = SCRIPT.matcher(nix);
        if (!m.find()) {
            throw new AssertionError("modules/disk-grow.nix has no script = '' ... ''; block");
        }
        return m.group(1).replace("${lib.escapeShellArg nixpve.layout.vgName}", "'nixpve'")
                .replace("${lib.escapeShellArg nixpve.layout.rootLv}", "'root'")
                .replaceAll("(?m)^      ", "");
    }
}

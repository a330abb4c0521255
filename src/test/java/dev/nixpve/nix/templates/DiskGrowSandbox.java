package dev.nixpve.nix.templates;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs modules/disk-grow.sh against fakes of lsblk, growpart, pvs, pvresize, vgs, lvextend and
 * resize2fs that answer as the real tools do on the template's disk: GPT on /dev/sda, partition 2
 * (from 2 MiB) is the LVM physical volume of volume group nixpve, which holds the LVs swap and
 * root (4 MiB extents), and root carries ext4. The fakes keep that disk's state in files (MiB and
 * extents) and change it only as the real tool would, so a test compares the disk before and after.
 * PATH holds only the fakes and links to a few harmless real tools (readlink, basename, tr, head, cat).
 */
final class DiskGrowSandbox {

    static final Path SCRIPT = NixTemplates.DIR.resolve("modules/disk-grow.sh");
    static final int EXTENT_MIB = 4;
    private static final int PART_START_MIB = 2;
    private static final int PE_START_MIB = 1;
    private static final int SWAP_EXTENTS = 1024;

    private static final List<String> FAKES = List.of("lsblk", "growpart", "pvs", "pvresize", "vgs", "lvextend",
            "resize2fs");
    private static final List<String> REAL = List.of("readlink", "basename", "tr", "head", "cat");

    /** One bash file for every fake; it dispatches on its own name and keeps the disk in $FAKE_STATE. */
    private static final String FAKES_SCRIPT = """
            set -u
            name=${0##*/}
            line=$name
            for arg in "$@"; do line+=" $arg"; done
            printf '%s\\n' "$line" >>"$FAKE_CALLS"
            get() { cat "$FAKE_STATE/$1"; }
            put() { printf '%s\\n' "$2" >"$FAKE_STATE/$1"; }
            # What the real tools compute from the disk: the last usable MiB (GPT backup header at the
            # end), the partition's size, and how many 4 MiB extents fit on the PV after its 1 MiB header.
            usable_end() { echo $(( $(get disk) - 1 )); }
            pv_fits() { echo $(( ($(get part_end) - PART_START - PE_START) / EXTENT )); }
            unexpected() { echo "fake $name: unexpected arguments: $*" >&2; exit 3; }

            case "$name" in
            lsblk)
                nodeps=0 column="" device=""
                while [ "$#" -gt 0 ]; do
                    case "$1" in
                        --nodeps) nodeps=1 ;;
                        --noheadings) ;;
                        --output | -o) column=$2; shift ;;
                        --output=*) column=${1#--output=} ;;
                        -[a-zA-Z]*)
                            opts=${1#-}
                            case "$opts" in *d*) nodeps=1 ;; esac
                            case "$opts" in *o) column=$2; shift ;; *o*) unexpected "$@" ;; esac
                            ;;
                        /dev/*) device=$1 ;;
                        *) unexpected "$@" ;;
                    esac
                    shift
                done
                [ "$column" = PKNAME ] || unexpected "column $column"
                [ "$device" = /dev/sda2 ] || { echo "lsblk: $device: not a block device" >&2; exit 32; }
                # The partition's own line, then (without --nodeps) one line per holder: each LV on
                # the PV has the partition as its parent.
                echo "sda"
                if [ "$nodeps" = 0 ]; then
                    echo "sda2"
                    echo "sda2"
                fi
                ;;
            growpart)
                [ "$#" -eq 2 ] || unexpected "$@"
                if [ "$1" != /dev/sda ]; then echo "FAILED: $1: does not exist"; exit 2; fi
                if [ "$2" != 2 ]; then echo "FAILED: failed to get start and end for $1$2 in $1"; exit 2; fi
                old=$(get part_end) new=$(usable_end)
                if [ "$old" -ge "$new" ]; then
                    echo "NOCHANGE: partition 2 is size $(( (old - PART_START) * 2048 )). it cannot be grown"
                    exit 1
                fi
                put part_end "$new"
                echo "CHANGED: partition=2 start=$(( PART_START * 2048 )) old: size=$(( (old - PART_START) * 2048 )) end=$(( old * 2048 )) new: size=$(( (new - PART_START) * 2048 )) end=$(( new * 2048 ))"
                ;;
            pvs)
                [ "$*" = "--noheadings -o pv_name --select vg_name=nixpve" ] || unexpected "$@"
                echo "  /dev/sda2"
                ;;
            pvresize)
                [ "$*" = "/dev/sda2" ] || unexpected "$@"
                put pv_extents "$(pv_fits)"
                echo '  Physical volume "/dev/sda2" changed'
                echo '  1 physical volume(s) resized or updated / 0 physical volume(s) not resized'
                ;;
            vgs)
                [ "$*" = "--noheadings -o vg_free_count nixpve" ] || unexpected "$@"
                echo "  $(( $(get pv_extents) - SWAP - $(get root_extents) ))"
                ;;
            lvextend)
                [ "$*" = "-l +100%FREE nixpve/root" ] || unexpected "$@"
                free=$(( $(get pv_extents) - SWAP - $(get root_extents) ))
                old=$(get root_extents)
                if [ "$free" -eq 0 ]; then
                    echo "  New size ($old extents) matches existing size ($old extents)." >&2
                    exit 5
                fi
                put root_extents $(( old + free ))
                echo "  Size of logical volume nixpve/root changed from $old extents to $(( old + free )) extents."
                echo "  Logical volume nixpve/root successfully resized."
                ;;
            resize2fs)
                [ "$*" = "/dev/nixpve/root" ] || unexpected "$@"
                echo "resize2fs 1.47.1 (20-May-2024)"
                lv=$(( $(get root_extents) * EXTENT ))
                if [ "$(get fs_mib)" -eq "$lv" ]; then
                    echo "The filesystem is already $(( lv * 256 )) (4k) blocks long.  Nothing to do!"
                else
                    put fs_mib "$lv"
                    echo "Filesystem at /dev/nixpve/root is mounted on /; on-line resizing required"
                    echo "The filesystem on /dev/nixpve/root is now $(( lv * 256 )) (4k) blocks long."
                fi
                ;;
            esac
            exit 0
            """;

    /** The disk as the tools see it: sizes in MiB, PV and LV sizes in extents. */
    record Disk(long diskMiB, long partEndMiB, long pvExtents, long rootExtents, long fsMiB) {

        /** The VG's free extents: the PV less swap and root. */
        long freeExtents() {
            return pvExtents - SWAP_EXTENTS - rootExtents;
        }

        long rootMiB() {
            return rootExtents * EXTENT_MIB;
        }
    }

    record Run(int exitCode, String output, List<String> calls, Disk before, Disk after) {
    }

    private final Path dir;
    private final Path bash;
    private Disk disk;

    private DiskGrowSandbox(Path dir, Path bash, Disk disk) {
        this.dir = dir;
        this.bash = bash;
        this.disk = disk;
    }

    /** The template as the installer leaves it on a disk of {@code diskGiB}: every layer fills the one below. */
    static DiskGrowSandbox installedOn(Path dir, long diskGiB) throws IOException {
        Path bash = ExternalTools.require("bash", "bash");
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : REAL) {
            Files.createSymbolicLink(tools.resolve(tool), ExternalTools.require(tool, "coreutils"));
        }
        Path fakes = Files.createDirectories(dir.resolve("fakes"));
        Path shared = fakes.resolve("fake-tool");
        Files.writeString(shared, "#!" + bash + "\n" + FAKES_SCRIPT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String fake : FAKES) {
            Files.createSymbolicLink(fakes.resolve(fake), shared);
        }
        long diskMiB = diskGiB * 1024;
        long partEnd = diskMiB - 1;
        long pv = (partEnd - PART_START_MIB - PE_START_MIB) / EXTENT_MIB;
        long root = pv - SWAP_EXTENTS;
        return new DiskGrowSandbox(dir, bash, new Disk(diskMiB, partEnd, pv, root, root * EXTENT_MIB));
    }

    /** Proxmox resized the clone's disk (qm resize / the Terraform disk size); nothing inside knows yet. */
    DiskGrowSandbox diskResizedTo(long diskGiB) {
        disk = new Disk(diskGiB * 1024, disk.partEndMiB(), disk.pvExtents(), disk.rootExtents(), disk.fsMiB());
        return this;
    }

    /** An earlier boot grew everything but the file system, then stopped. */
    DiskGrowSandbox fileSystemShorterBy(long mib) {
        disk = new Disk(disk.diskMiB(), disk.partEndMiB(), disk.pvExtents(), disk.rootExtents(), disk.fsMiB() - mib);
        return this;
    }

    Run run() throws IOException, InterruptedException {
        Path state = Files.createDirectories(dir.resolve("state"));
        write(state, disk);
        Path sysPartition = Files.createDirectories(dir.resolve("sys/class/block/sda2"));
        Files.writeString(sysPartition.resolve("partition"), "2\n");
        Path calls = dir.resolve("calls.log");
        Files.writeString(calls, "");

        ProcessBuilder builder = new ProcessBuilder(bash.toString(), SCRIPT.toAbsolutePath().toString(), "nixpve",
                "root").redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", dir.resolve("fakes") + ":" + dir.resolve("tools"));
        environment.put("NIXPVE_SYSFS", dir.resolve("sys").toString());
        environment.put("FAKE_CALLS", calls.toString());
        environment.put("FAKE_STATE", state.toString());
        environment.put("PART_START", Integer.toString(PART_START_MIB));
        environment.put("PE_START", Integer.toString(PE_START_MIB));
        environment.put("EXTENT", Integer.toString(EXTENT_MIB));
        environment.put("SWAP", Integer.toString(SWAP_EXTENTS));

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("disk-grow.sh did not finish:\n" + output);
        }
        return new Run(process.exitValue(), output, Files.readAllLines(calls, StandardCharsets.UTF_8), disk,
                read(state));
    }

    private static void write(Path state, Disk disk) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("disk", disk.diskMiB());
        values.put("part_end", disk.partEndMiB());
        values.put("pv_extents", disk.pvExtents());
        values.put("root_extents", disk.rootExtents());
        values.put("fs_mib", disk.fsMiB());
        for (Map.Entry<String, Long> value : values.entrySet()) {
            Files.writeString(state.resolve(value.getKey()), value.getValue() + "\n");
        }
    }

    private static Disk read(Path state) throws IOException {
        return new Disk(value(state, "disk"), value(state, "part_end"), value(state, "pv_extents"),
                value(state, "root_extents"), value(state, "fs_mib"));
    }

    private static long value(Path state, String name) throws IOException {
        return Long.parseLong(Files.readString(state.resolve(name)).strip());
    }
}

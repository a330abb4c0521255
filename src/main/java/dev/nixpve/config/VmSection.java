package dev.nixpve.config;

import dev.nixpve.config.VmSettings.DiskBus;
import java.util.Map;

/** Validates the {@code vm:} keys into {@link VmSettings}; defaults are the original scripts' sizes. */
final class VmSection {


    /** PVE's limit for a VM's memory: 4 TiB ($MAX_MEM in qemu-server's PVE/QemuServer/Memory.pm). */
    static final ByteSize MAX_MEMORY = ByteSize.parse("4T");
    /** Far beyond any template; keeps the GiB count an int wherever it is passed on. */
    static final ByteSize MAX_DISK = ByteSize.parse("64T");

    private VmSection() {
    }

    static VmSettings parse(Map<String, RawValue> raw) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        VmSettings vm = new VmSettings(
                values.integer("vm.cores", 2, 1, 512, "give the number of virtual CPU cores, e.g. 2"),
                values.size("vm.memory", ByteSize.parse("4G"), ByteSize.parse("1G"), MAX_MEMORY,
                        "give at least 1G (the installer runs from RAM) and at most " + MAX_MEMORY),
                values.size("vm.diskSize", ByteSize.parse("20G"), VmSettings.MIN_DISK, MAX_DISK,
                        "give at least " + VmSettings.MIN_DISK + " for the NixOS system and swap, at most "
                                + MAX_DISK),
                values.choice("vm.diskBus", DiskBus.SCSI, DiskBus.class, DiskBus::configName));
        if (vm.memory().bytes() % (1L << 20) != 0) {
            throw values.raw("vm.memory").get().error("PVE counts memory in whole MiB", "write e.g. 4G or 3584M");
        }
        if (vm.diskSize().bytes() % (1L << 30) != 0) {
            throw values.raw("vm.diskSize").get().error("disks are allocated in whole GiB", "write e.g. 20G");
        }
        return vm;
    }
}

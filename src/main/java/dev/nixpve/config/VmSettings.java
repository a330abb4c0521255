package dev.nixpve.config;

/** The build VM's hardware; the template and its clones inherit it. */
public record VmSettings(int cores, ByteSize memory, ByteSize diskSize, DiskBus diskBus) {

    /**
     * The smallest system disk: the NixOS closure, swap and headroom. The config refuses less, and
     * the installer (told through the image data) and the simulator's installer check the same.
     */
    public static final ByteSize MIN_DISK = ByteSize.parse("8G");

    /** The bus of the system disk; the installer writes only to the first disk on it. */
    public enum DiskBus {
        SCSI("scsi", "scsi0", "/dev/sda"), VIRTIO("virtio", "virtio0", "/dev/vda");

        private final String configName;
        private final String pveDrive;
        private final String guestDevice;

        DiskBus(String configName, String pveDrive, String guestDevice) {
            this.configName = configName;
            this.pveDrive = pveDrive;
            this.guestDevice = guestDevice;
        }

        public String configName() {
            return configName;
        }

        /** The drive key in the VM config, e.g. scsi0. */
        public String pveDrive() {
            return pveDrive;
        }

        /** The device the guest sees the disk as. */
        public String guestDevice() {
            return guestDevice;
        }
    }
}

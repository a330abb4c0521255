package dev.nixpve.sim.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A drive property string ({@code local-lvm:vm-100-disk-0,size=32G}, {@code local:iso/x.iso,media=cdrom},
 * {@code none,media=cdrom}), kept in key order so it is written back as PVE writes it.
 */
public record Drive(String file, Map<String, String> options) {

    private static final Pattern DRIVE_KEY = Pattern.compile("(ide|sata|scsi|virtio)\\d+|efidisk0|tpmstate0");
    private static final Pattern NEW_DISK = Pattern.compile("([a-z][a-z0-9\\-_.]*[a-z0-9]):(\\d+(?:\\.\\d+)?)");

    public Drive {
        options = new LinkedHashMap<>(options);
    }

    public static boolean isDriveKey(String key) {
        return DRIVE_KEY.matcher(key).matches();
    }

    public static Drive parse(String value) {
        Map<String, String> options = new LinkedHashMap<>();
        String file = null;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0 && file == null) {
                file = part;
            } else if (eq > 0) {
                String key = part.substring(0, eq);
                if (key.equals("file") || key.equals("volume")) {
                    file = part.substring(eq + 1);
                } else {
                    options.put(key, part.substring(eq + 1));
                }
            }
        }
        return new Drive(file == null ? "" : file, options);
    }

    public boolean cdrom() {
        return "cdrom".equals(options.get("media"));
    }

    /** {@code STORAGE:SIZE}: a new disk of SIZE GiB to allocate. */
    public Optional<NewDisk> newDisk() {
        var matcher = NEW_DISK.matcher(file);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long bytes = (long) (Double.parseDouble(matcher.group(2)) * (1L << 30));
        return Optional.of(new NewDisk(matcher.group(1), bytes));
    }

    /** {@code STORAGE:cloudinit}: a cloud-init drive to allocate on STORAGE, as PVE's create_disks does. */
    public Optional<String> newCloudInit() {
        int colon = file.indexOf(':');
        return colon > 0 && file.substring(colon + 1).equals("cloudinit") ? Optional.of(file.substring(0, colon))
                : Optional.empty();
    }

    /** A cloud-init volume PVE made ({@code vm-VMID-cloudinit}); it belongs to the VM although it is a cdrom. */
    public boolean isCloudInit() {
        return volume().map(ref -> ref.volname().matches("vm-\\d+-cloudinit")).orElse(false);
    }

    /** {@code STORAGE:VOLNAME}, when the file names a volume (not {@code none}, {@code cdrom} or a path). */
    public Optional<VolumeRef> volume() {
        int colon = file.indexOf(':');
        if (colon <= 0 || newDisk().isPresent() || newCloudInit().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new VolumeRef(file.substring(0, colon), file.substring(colon + 1)));
    }

    public Drive withFile(String newFile) {
        return new Drive(newFile, options);
    }

    public Drive with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(key, value);
        return new Drive(file, copy);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        options.forEach((key, value) -> text.append(',').append(key).append('=').append(value));
        return text.toString();
    }

    public record NewDisk(String storage, long bytes) {
    }

    public record VolumeRef(String storage, String volname) {
        public String volid() {
            return storage + ":" + volname;
        }
    }
}

package dev.nixpve.proxmox.model;

import java.time.Instant;
import java.util.Optional;

/** One item of a storage's content: an ISO, a VM disk, a template image. */
public record StorageVolume(String volid, String content, String format, long size, Optional<Instant> created,
                            Optional<Integer> vmid, Optional<String> notes) {

    /** The part after "storage:", e.g. "iso/nixos.iso". */
    public String volumeName() {
        int colon = volid.indexOf(':');
        return colon < 0 ? volid : volid.substring(colon + 1);
    }
}

# The file systems the installer created: root (and swap) on LVM, the ESP on UEFI.
{ lib, data, nixpve, ... }:
{
  fileSystems."/" = {
    device = nixpve.rootDevice;
    fsType = "ext4";
  };

  fileSystems."/boot" = lib.mkIf (data.firmware == "uefi") {
    device = "/dev/disk/by-label/${nixpve.layout.espLabel}";
    fsType = "vfat";
    # As nixos-generate-config writes it: the random seed file must not be world-readable.
    options = [ "fmask=0077" "dmask=0077" ];
  };

  # Forced, so nothing else (the old scripts' generated hardware configuration did this) can add
  # a swap device back when swapMiB is 0.
  swapDevices = lib.mkForce (nixpve.swapDevices data);
}

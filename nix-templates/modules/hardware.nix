# What nixos-generate-config would detect on a Proxmox VM, fixed here instead: no generated
# hardware-configuration.nix exists, so none can bring back a swap device or a file system.
{ modulesPath, ... }:
{
  # virtio drivers in the initrd, balloon, rng and console.
  imports = [ "${modulesPath}/profiles/qemu-guest.nix" ];

  # Disk controllers Proxmox offers: virtio-scsi, virtio-blk, SATA/IDE and the default LSI 53C895A.
  boot.initrd.availableKernelModules = [
    "virtio_pci"
    "virtio_scsi"
    "virtio_blk"
    "sd_mod"
    "sr_mod"
    "ahci"
    "ata_piix"
    "sym53c8xx"
  ];
}

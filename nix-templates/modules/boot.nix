# The boot loader for the VM's firmware, and LVM in the initrd (root is a logical volume).
{ lib, data, ... }:
{
  config = lib.mkMerge [
    (lib.mkIf (data.firmware == "bios") {
      # GRUB in the disk's bios_grub partition; /boot lives on the root LV.
      boot.loader.grub = {
        enable = true;
        device = data.disk.device;
      };
    })
    (lib.mkIf (data.firmware == "uefi") {
      boot.loader.grub.enable = false;
      boot.loader.systemd-boot.enable = true;
      # The build VM's NVRAM is not the clones'; bootctl installs the fallback EFI/BOOT/BOOTX64.EFI,
      # which every clone's firmware finds (nixos/modules/system/boot/loader/systemd-boot).
      boot.loader.efi.canTouchEfiVariables = false;
    })
    {
      # Only read with systemd in stage 1; the scripted stage 1 always carries lvm
      # (nixos/modules/tasks/lvm.nix). dm_mod is loaded by default (nixos/modules/system/boot/kernel.nix).
      boot.initrd.services.lvm.enable = true;
      boot.initrd.kernelModules = [ "dm-snapshot" ];
    }
  ];
}

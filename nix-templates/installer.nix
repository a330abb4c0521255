# The live installer ISO. It boots, installs the prebuilt template system onto the build VM's disk
# with installer/nixpve-install.sh and powers off. It carries the template's whole closure, so the
# install needs no network and evaluates nothing.
{ config, lib, pkgs, modulesPath, data, build, nixpve, templateSystem, ... }:
let
  installConfig = pkgs.writeText "nixpve-install.json"
    (builtins.toJSON (nixpve.installConfig data build));

  # Exactly what nixpve-install.sh calls (systemd adds coreutils, findutils, grep, sed and systemd
  # to every unit's PATH as well).
  installTools = [
    pkgs.coreutils # date mkdir mktemp mv chmod tail tee wc sync sleep
    pkgs.util-linux # blockdev wipefs mount umount mkswap
    pkgs.parted
    pkgs.lvm2 # pvcreate vgcreate lvcreate vgchange
    pkgs.e2fsprogs # mkfs.ext4
    pkgs.dosfstools # mkfs.fat
    pkgs.jq
    config.system.build.nixos-install # nixos/modules/installer/tools/tools.nix
    config.nix.package # nix-store, and nix-env for nixos-install
    config.systemd.package # udevadm systemctl
  ];

  # Put on the ISO's kernel command line only (iso-image.nix appends boot.kernelParams to every boot
  # entry): removing it at the boot menu gives a live system that installs nothing.
  autoInstallParam = "nixpve.autoinstall";
in
{
  imports = [ "${modulesPath}/installer/cd-dvd/installation-cd-minimal.nix" ];

  nixpkgs.hostPlatform = "x86_64-linux";

  # The ISO's file name: iso-image.nix builds "${config.image.baseName}.iso" (isoName of
  # make-iso9660-image.nix) and sets image.baseName itself at normal priority, so ours is forced.
  # image.fileName (nixos/modules/image/file-options.nix) is derived from baseName and is not read
  # for the ISO's name; it is left alone.
  image.baseName = lib.mkForce (nixpve.isoBaseName build);
  # At most 32 characters (iso-image.nix asserts it); carries the build token, see BuildIdentity.
  isoImage.volumeID = lib.mkForce build.isoVolumeId;
  isoImage.squashfsCompression = "zstd -Xcompression-level 6";
  # Merged with iso-image.nix's own list: the installed system's closure, registered in the live
  # store at boot, so nixos-install --system copies it from there.
  isoImage.storeContents = [ templateSystem ];

  boot.kernelParams = [ autoInstallParam ];

  # The build VM's live system keeps a name of its own (image.hostname); the installed template has
  # none, so its clones take their VM names from cloud-init (modules/base.nix).
  networking.hostName = data.hostname;

  # The installer's progress file is read through the guest agent.
  services.qemuGuest.enable = true;

  systemd.services.nixpve-install = {
    description = "nixpve unattended install of the NixOS template";
    wantedBy = [ "multi-user.target" ];
    wants = [ "systemd-udev-settle.service" ];
    after = [ "systemd-udev-settle.service" "local-fs.target" ];
    path = installTools;
    unitConfig = {
      # True only on this live ISO: iso-image.nix mounts the boot medium on /iso, and the
      # parameter is on the ISO's command line only. The installed template does not contain this
      # unit at all; the script's own guard (SMBIOS serial == build token) protects any other
      # machine that boots the ISO.
      ConditionKernelCommandLine = autoInstallParam;
      ConditionPathIsMountPoint = "/iso";
    };
    serviceConfig = {
      Type = "oneshot";
      ExecStart = "${pkgs.bash}/bin/bash ${./installer/nixpve-install.sh} --config ${installConfig} --system ${templateSystem}";
      StandardOutput = "journal+console";
      StandardError = "journal+console";
    };
  };
}

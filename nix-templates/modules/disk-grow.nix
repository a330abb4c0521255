# Grows the system to the disk it boots from: a clone's disk is often larger than the template's.
# The work is in disk-grow.sh beside this file (shellcheck and DiskGrowScriptTest run it); it is
# idempotent, so the unit succeeds on every boot, also when there is nothing to grow. cloud-init's
# own growpart/resizefs are turned off in cloud-init.nix, because they do not handle the
# partition -> PV -> VG -> LV chain.
{ lib, pkgs, nixpve, ... }:
{
  systemd.services.nixpve-disk-grow = {
    description = "Grow the LVM partition, volume group and root file system to the disk";
    wantedBy = [ "multi-user.target" ];
    after = [ "local-fs.target" ];
    # growpart (cloud-utils' guest output), pvs pvresize vgs lvextend, resize2fs, lsblk, and
    # readlink basename tr head cat.
    path = [ pkgs.cloud-utils.guest pkgs.lvm2 pkgs.e2fsprogs pkgs.util-linux pkgs.coreutils ];
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
      ExecStart = "${pkgs.bash}/bin/bash ${./disk-grow.sh} ${lib.escapeShellArg nixpve.layout.vgName} ${lib.escapeShellArg nixpve.layout.rootLv}";
    };
  };
}

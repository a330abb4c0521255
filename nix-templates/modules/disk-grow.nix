# Grows the system to the disk it boots from: a clone's disk is often larger than the template's.
# Idempotent: each step does nothing when there is nothing to grow, and the unit then succeeds.
# All steps work online on the mounted root. cloud-init's own growpart/resizefs are turned off in
# cloud-init.nix, because they do not handle the partition -> PV -> VG -> LV chain.
{ lib, pkgs, nixpve, ... }:
{
  systemd.services.nixpve-disk-grow = {
    description = "Grow the LVM partition, volume group and root file system to the disk";
    wantedBy = [ "multi-user.target" ];
    after = [ "local-fs.target" ];
    path = [ pkgs.cloud-utils.guest pkgs.lvm2 pkgs.e2fsprogs pkgs.util-linux pkgs.coreutils ];
    serviceConfig = {
      Type = "oneshot";
      RemainAfterExit = true;
    };
    script = ''
      set -euo pipefail
      vg=${lib.escapeShellArg nixpve.layout.vgName}
      root="$vg/"${lib.escapeShellArg nixpve.layout.rootLv}

      pv=$(pvs --noheadings -o pv_name --select "vg_name=$vg" | tr -d ' ' | head -n 1)
      if [ -z "$pv" ]; then
        echo "no physical volume in volume group $vg; nothing to grow"
        exit 0
      fi
      part=$(basename "$(readlink -f "$pv")")
      # -d: without it lsblk also prints a line for every holder of the partition (the LVs), and
      # growpart would get a multi-line disk name.
      disk=$(lsblk -dno PKNAME "/dev/$part")
      number=$(cat "/sys/class/block/$part/partition")

      # growpart exits 0 when it grew the partition, 1 when it already fills the disk (NOCHANGE).
      status=0
      growpart "/dev/$disk" "$number" || status=$?
      if [ "$status" -gt 1 ]; then
        exit "$status"
      fi
      pvresize "$pv"
      free=$(vgs --noheadings -o vg_free_count "$vg" | tr -d ' ')
      if [ "$free" -gt 0 ]; then
        lvextend -l +100%FREE "$root"
      fi
      # Also finishes a grow that an earlier boot interrupted after lvextend; a no-op otherwise.
      resize2fs "/dev/$root"
    '';
  };
}

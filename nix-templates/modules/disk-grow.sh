#!/usr/bin/env bash
# Grows the system to the disk it boots from: partition -> LVM physical volume -> root logical
# volume -> ext4, all online on the mounted root. modules/disk-grow.nix runs it at every boot as
#
#   disk-grow.sh VG ROOT_LV
#
# Idempotent: each step does nothing when there is nothing to grow, and the script then succeeds.
# Seam for tests, default in brackets: NIXPVE_SYSFS [/sys].
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: disk-grow.sh VG ROOT_LV" >&2
    exit 2
fi
vg=$1
root="$vg/$2"
sysfs=${NIXPVE_SYSFS:-/sys}

pv=$(pvs --noheadings -o pv_name --select "vg_name=$vg" | tr -d ' ' | head -n 1)
if [ -z "$pv" ]; then
    echo "no physical volume in volume group $vg; nothing to grow"
    exit 0
fi
part=$(basename "$(readlink -f "$pv")")
# --nodeps: the partition's own parent only. Without it lsblk also prints a line for every holder
# (each logical volume on the PV), and growpart would get a multi-line disk name.
disk=$(lsblk --nodeps --noheadings --output PKNAME "/dev/$part" | tr -d ' ')
number=$(cat "$sysfs/class/block/$part/partition")
if [ -z "$disk" ] || [ -z "$number" ]; then
    echo "cannot tell which disk and partition hold $pv (disk '$disk', partition '$number')" >&2
    exit 1
fi

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

#!/usr/bin/env bash
# nixpve's unattended installer. installer.nix runs it once on the live ISO:
#
#   nixpve-install.sh --config FILE --system STOREPATH
#
# FILE is the install config the ISO carries (lib/nixpve.nix installConfig); STOREPATH is the
# template's system, already in the ISO's store, so the install needs no network. Phases: guard,
# partition, format, install, bootloader, done. Progress goes to the JSON file the config names
# (format: dev.nixpve.monitor.InstallProgress), which nixpve reads through the guest agent. Any
# failure writes phase "failed" with the failing command and the log tail, holds it readable, and
# powers the machine off.
#
# Seams for tests, defaults in brackets: NIXPVE_DMI_SERIAL [/sys/class/dmi/id/product_serial],
# NIXPVE_MNT [/mnt], NIXPVE_PROC [/proc] (mounts, swaps), NIXPVE_CONSOLE [/dev/console],
# NIXPVE_ALLOW_NON_BLOCK=1 (accept a disk that is not a block device; blockdev still reads its size).
# sleep and systemctl are plain commands on PATH so tests can replace them.
set -Eeuo pipefail

DMI_SERIAL=${NIXPVE_DMI_SERIAL:-/sys/class/dmi/id/product_serial}
MNT=${NIXPVE_MNT:-/mnt}
PROC=${NIXPVE_PROC:-/proc}
CONSOLE=${NIXPVE_CONSOLE:-/dev/console}
MAIN_PID=$BASHPID

CONFIG=""
SYSTEM=""
PROGRESS_PATH=""
LOG_FILE=""
FAILED_HOLD=60
PHASE=guard
PERCENT=0
# The command being run, for the failure message.
CURRENT=""

now() {
    date -u +%Y-%m-%dT%H:%M:%SZ
}

STARTED_AT=$(now)

log() {
    printf '%s\n' "$*" >&2
    if [ -n "$LOG_FILE" ]; then
        printf '%s\n' "$*" >>"$LOG_FILE"
    fi
}

# For a human at the VM's console (the unit also sends stdout and stderr there).
console() {
    printf 'nixpve: %s\n' "$1" >&2
    if [ -w "$CONSOLE" ]; then
        printf 'nixpve: %s\n' "$1" >"$CONSOLE" 2>/dev/null || true
    fi
}

# Writes the progress file atomically (temp file + mv in the same directory); jq does the quoting,
# so any message or log line stays valid JSON, and -a writes every non-ASCII character as \uXXXX:
# the file is pure ASCII, so the guest agent's file-read cannot turn UTF-8 into mojibake.
write_progress() {
    local phase=$1 percent=$2 message=$3 dir tmp
    if [ -z "$PROGRESS_PATH" ]; then
        return 0
    fi
    dir=${PROGRESS_PATH%/*}
    mkdir -p "$dir"
    tmp=$(mktemp "$dir/.install-progress.XXXXXX")
    tail -n 20 "$LOG_FILE" | jq -a -R -s \
        --arg phase "$phase" --argjson percent "$percent" --arg message "$message" \
        --arg startedAt "$STARTED_AT" --arg updatedAt "$(now)" \
        '{version: 1, phase: $phase, percent: $percent, message: $message,
          startedAt: $startedAt, updatedAt: $updatedAt,
          log: (split("\n") | if length > 0 and .[-1] == "" then .[:-1] else . end)}' >"$tmp"
    chmod 0644 "$tmp"
    mv -f "$tmp" "$PROGRESS_PATH"
}

enter_phase() {
    PHASE=$1
    PERCENT=$2
    log "== $1 ($2%): $3"
    write_progress "$1" "$2" "$3"
}

fail() {
    local message="$PHASE failed: $1"
    trap - ERR
    set +e
    log "$message"
    console "$message"
    write_progress failed "$PERCENT" "$message"
    log "keeping the failure readable for ${FAILED_HOLD}s, then powering off"
    sleep "$FAILED_HOLD"
    systemctl poweroff
    exit 1
}

on_error() {
    local status=$1 command=$2
    # A failure inside $(...) is reported by the command that used the substitution.
    if [ "$BASHPID" != "$MAIN_PID" ]; then
        exit "$status"
    fi
    fail "'${CURRENT:-$command}' exited with status $status"
}
trap 'on_error $? "$BASH_COMMAND"' ERR

# Runs one command, its output to the console and the log.
run() {
    CURRENT="$*"
    log "+ $*"
    "$@" 2>&1 | tee -a "$LOG_FILE"
    CURRENT=""
}

config() {
    jq -er "$1" "$CONFIG"
}

number() {
    local name=$1 value=$2
    case "$value" in
        '' | *[!0-9]*) fail "the install config's $name is '$value', not a whole number" ;;
    esac
}

parse_args() {
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --config) CONFIG=${2:-}; shift 2 ;;
            --system) SYSTEM=${2:-}; shift 2 ;;
            *) fail "unknown argument '$1' (usage: nixpve-install.sh --config FILE --system STOREPATH)" ;;
        esac
    done
    if [ -z "$CONFIG" ] || [ -z "$SYSTEM" ]; then
        fail "usage: nixpve-install.sh --config FILE --system STOREPATH"
    fi
    if [ ! -r "$CONFIG" ]; then
        fail "cannot read the install config $CONFIG"
    fi
}

read_config() {
    CURRENT="reading the install config $CONFIG"
    PROGRESS_PATH=$(config .progressPath)
    LOG_FILE="${PROGRESS_PATH%/*}/install.log"
    mkdir -p "${PROGRESS_PATH%/*}"
    : >>"$LOG_FILE"
    FAILED_HOLD=$(config .failedHoldSeconds)
    number failedHoldSeconds "$FAILED_HOLD"
    DONE_HOLD=$(config .doneHoldSeconds)
    number doneHoldSeconds "$DONE_HOLD"
    BUILD_TOKEN=$(config .buildToken)
    DISK=$(config .disk.device)
    BUS=$(config .disk.bus)
    MIN_BYTES=$(config .disk.minBytes)
    number disk.minBytes "$MIN_BYTES"
    SWAP_MIB=$(config .swapMiB)
    number swapMiB "$SWAP_MIB"
    FIRMWARE=$(config .firmware)
    VG=$(config .vgName)
    ROOT_LV=$(config .rootLv)
    SWAP_LV=$(config .swapLv)
    ROOT_LABEL=$(config .rootLabel)
    ESP_LABEL=$(config .espLabel)
    CURRENT=""
    # scsi -> /dev/sda1, virtio -> /dev/vda1 (an NVMe disk would need a "p"; it is not offered).
    ESP_PART="${DISK}1"
    LVM_PART="${DISK}2"
    log "nixpve install of $SYSTEM onto $DISK ($BUS, $FIRMWARE, swap ${SWAP_MIB} MiB)"
}

# True when the disk or one of its partitions is mounted or used as swap.
in_use() {
    local file source
    for file in "$PROC/mounts" "$PROC/swaps"; do
        if [ ! -r "$file" ]; then
            continue
        fi
        while read -r source _; do
            case "$source" in
                "$DISK" | "$DISK"[0-9]*) return 0 ;;
            esac
        done <"$file"
    done
    return 1
}

guard() {
    local serial="" size
    enter_phase guard 2 "checking that this is the build VM and that $DISK may be erased"
    if [ -r "$DMI_SERIAL" ]; then
        serial=$(<"$DMI_SERIAL")
    fi
    serial=${serial//[[:space:]]/}
    if [ "$serial" != "$BUILD_TOKEN" ]; then
        fail "this machine's SMBIOS serial does not match the build token of this ISO, so it is not the VM nixpve created for this build; nothing was touched. Remove the ISO and boot from disk."
    fi
    case "$BUS" in
        scsi | virtio) ;;
        *) fail "disk bus '$BUS' is not supported (scsi or virtio); nothing was touched" ;;
    esac
    case "$FIRMWARE" in
        bios | uefi) ;;
        *) fail "firmware '$FIRMWARE' is not supported (bios or uefi); nothing was touched" ;;
    esac
    if [ "${NIXPVE_ALLOW_NON_BLOCK:-0}" != 1 ] && [ ! -b "$DISK" ]; then
        fail "$DISK is missing or not a block device; nothing was touched"
    fi
    log "+ blockdev --getsize64 $DISK"
    if ! size=$(blockdev --getsize64 "$DISK" 2>>"$LOG_FILE"); then
        fail "cannot read the size of $DISK (blockdev failed); nothing was touched"
    fi
    case "$size" in
        '' | *[!0-9]*) fail "blockdev reported '$size' as the size of $DISK; nothing was touched" ;;
    esac
    if [ "$size" -lt "$MIN_BYTES" ]; then
        fail "$DISK has $size bytes, fewer than the $MIN_BYTES this image needs; nothing was touched"
    fi
    if in_use; then
        fail "$DISK or one of its partitions is mounted or used as swap; nothing was touched"
    fi
}

partition() {
    enter_phase partition 10 "partitioning $DISK (GPT, $FIRMWARE)"
    run wipefs --all "$DISK"
    if [ "$FIRMWARE" = uefi ]; then
        run parted -s "$DISK" -- mklabel gpt \
            mkpart ESP fat32 1MiB 513MiB set 1 esp on \
            mkpart lvm 513MiB 100% set 2 lvm on
    else
        # GRUB's core image goes into the 1 MiB bios_grub partition.
        run parted -s "$DISK" -- mklabel gpt \
            mkpart bios 1MiB 2MiB set 1 bios_grub on \
            mkpart lvm 2MiB 100% set 2 lvm on
    fi
    run udevadm settle
}

format() {
    enter_phase format 20 "creating volume group $VG and the file systems"
    run pvcreate -ff -y "$LVM_PART"
    run vgcreate "$VG" "$LVM_PART"
    if [ "$SWAP_MIB" -gt 0 ]; then
        run lvcreate --yes -L "${SWAP_MIB}M" -n "$SWAP_LV" "$VG"
    fi
    run lvcreate --yes -l 100%FREE -n "$ROOT_LV" "$VG"
    run vgchange -ay "$VG"
    run mkfs.ext4 -F -L "$ROOT_LABEL" "/dev/$VG/$ROOT_LV"
    if [ "$SWAP_MIB" -gt 0 ]; then
        run mkswap -L swap "/dev/$VG/$SWAP_LV"
    fi
    if [ "$FIRMWARE" = uefi ]; then
        run mkfs.fat -F 32 -n "$ESP_LABEL" "$ESP_PART"
    fi
}

install_system() {
    local total copied=0 line percent
    enter_phase install 30 "copying the system to $DISK"
    mkdir -p "$MNT"
    run mount "/dev/$VG/$ROOT_LV" "$MNT"
    if [ "$FIRMWARE" = uefi ]; then
        mkdir -p "$MNT/boot"
        run mount "$ESP_PART" "$MNT/boot"
    fi

    # Progress from 30 to 90 % by the store paths copied; stays at 30 % if the count is unknown.
    log "+ nix-store --query --requisites $SYSTEM"
    if ! total=$(nix-store --query --requisites "$SYSTEM" 2>>"$LOG_FILE" | wc -l); then
        total=0
    fi

    # --system: nothing is evaluated or built; the closure comes from the ISO's store only.
    CURRENT="nixos-install --no-root-passwd --no-channel-copy --root $MNT --system $SYSTEM"
    log "+ $CURRENT --option substituters ''"
    nixos-install --no-root-passwd --no-channel-copy --root "$MNT" --system "$SYSTEM" \
        --option substituters "" 2>&1 |
        while IFS= read -r line; do
            printf '%s\n' "$line"
            printf '%s\n' "$line" >>"$LOG_FILE"
            case "$line" in
                *"copying path"*)
                    copied=$((copied + 1))
                    if [ "$total" -gt 0 ] && [ $((copied % 25)) -eq 0 ]; then
                        percent=$((30 + 60 * copied / total))
                        if [ "$percent" -gt 90 ]; then percent=90; fi
                        write_progress install "$percent" "copied $copied of $total store paths"
                    fi
                    ;;
            esac
        done
    CURRENT=""
}

# nixos-install --system already ran switch-to-configuration, which installs the boot loader;
# this only checks that it is there.
check_bootloader() {
    local expected
    enter_phase bootloader 92 "checking the boot loader"
    if [ "$FIRMWARE" = uefi ]; then
        expected="$MNT/boot/EFI/BOOT/BOOTX64.EFI"
    else
        expected="$MNT/boot/grub/grub.cfg"
    fi
    if [ ! -f "$expected" ]; then
        fail "nixos-install finished but $expected is missing, so the disk would not boot"
    fi
    log "found $expected"
}

finish() {
    run sync
    run umount -R "$MNT"
    run vgchange -an "$VG"
    PHASE="done"
    PERCENT=100
    log "== done (100%): installed; powering off in ${DONE_HOLD}s"
    write_progress "done" 100 "installed $SYSTEM onto $DISK; powering off"
    console "installed; powering off in ${DONE_HOLD}s"
    sleep "$DONE_HOLD"
    systemctl poweroff
}

main() {
    parse_args "$@"
    read_config
    guard
    partition
    format
    install_system
    check_bootloader
    finish
}

main "$@"

# cloud-init reads what Proxmox puts on the clone's cloud-init drive (user, SSH keys, IP config)
# and writes the network configuration for systemd-networkd.
# Options: nixos/modules/services/system/cloud-init.nix.
{ ... }:
{
  services.cloud-init = {
    enable = true;
    # Lets cloud-init configure interfaces through systemd-networkd (enables systemd.network).
    network.enable = true;
    # The module's default list without growpart and resizefs: disk-grow.nix grows the partition,
    # PV, LV and file system (the module sets this list with mkDefault).
    settings.cloud_init_modules = [
      "migrator"
      "seed_random"
      "bootcmd"
      "write-files"
      "update_hostname"
      "resolv_conf"
      "ca-certs"
      "rsyslog"
      "users-groups"
    ];
  };

  # cloud-init is the one source of network configuration: its files in /etc/systemd/network
  # (static addresses from Proxmox, or its DHCP fallback when none is given).
  networking.useNetworkd = true;
  networking.useDHCP = false;
}

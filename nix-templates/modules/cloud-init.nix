# cloud-init reads what Proxmox puts on the clone's cloud-init drive (host name, user, SSH keys,
# IP config) and writes the network configuration for systemd-networkd.
# Options: nixos/modules/services/system/cloud-init.nix.
{ ... }:
{
  services.cloud-init = {
    enable = true;
    # Lets cloud-init configure interfaces through systemd-networkd (enables systemd.network).
    network.enable = true;

    # The module sets system_info as one mkDefault value (distro "nixos", renderer networkd), so
    # defining it replaces all of it: distro and renderers are restated here. default_user is what
    # the module lacks: Proxmox's user-data names its ciuser as "user:", and cloud-init merges that
    # name into the distro's default user (cloudinit/distros/ug_util.py); without a default user
    # the ciuser was created with no groups and could not sudo. In wheel it gets passwordless sudo
    # from security.sudo.wheelNeedsPassword = false (users.nix); password logins stay off (ssh.nix).
    # Without a ciuser the user is called nixos and gets Proxmox's sshkeys.
    settings.system_info = {
      distro = "nixos";
      network.renderers = [ "networkd" ];
      default_user = {
        name = "nixos";
        groups = [ "wheel" ];
        lock_passwd = true;
        shell = "/run/current-system/sw/bin/bash";
      };
    };

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

  networking.useNetworkd = true;
  networking.useDHCP = false;

  # A clone without ipconfig0 still gets an address: Proxmox then writes no network entry for it,
  # so cloud-init writes no file and its own DHCP fallback never runs. networkd applies the first
  # .network file (in lexical order of the file names) that matches a link, and cloud-init's
  # networkd renderer writes /etc/systemd/network/10-cloud-init-<ifname>.network, so any interface
  # cloud-init configures (static or DHCP from ipconfigN) is cloud-init's, and this file, sorted
  # last, only catches the ones it left alone. The same idea as networking.useDHCP's
  # 99-ethernet-default-dhcp (nixos/modules/tasks/network-interfaces-systemd.nix), but limited to
  # the names Proxmox's virtio/e1000 NICs get.
  systemd.network.networks."99-nixpve-dhcp-fallback" = {
    matchConfig.Name = "en* eth*";
    DHCP = "yes";
  };
}

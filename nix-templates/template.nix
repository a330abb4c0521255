# The installed system: what every clone of the template boots. One concern per module; values
# arrive as the specialArgs data/build/nixpkgsRev/nixpve from flake.nix.
{ ... }:
{
  imports = [
    ./modules/base.nix
    ./modules/hardware.nix
    ./modules/boot.nix
    ./modules/filesystems.nix
    ./modules/disk-grow.nix
    ./modules/nfs.nix
    ./modules/cloud-init.nix
    ./modules/guest-agent.nix
    ./modules/ssh.nix
    ./modules/users.nix
    ./modules/firewall.nix
    ./modules/kubernetes-node.nix
    ./modules/build-info.nix
  ];
}

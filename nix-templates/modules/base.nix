# Identity, locale and the packages named in the configuration.
{ lib, pkgs, data, nixpve, ... }:
let
  # A clear evaluation error instead of "attribute missing" deep inside nixpkgs.
  package = name: lib.attrByPath (nixpve.packagePath name)
    (throw "image.packages: nixpkgs ${data.nixpkgsBranch} has no package '${name}'. Hint: check the attribute name on search.nixos.org.")
    pkgs;
in
{
  nixpkgs.hostPlatform = "x86_64-linux";

  # No name of its own: every clone takes the one Proxmox gives it through cloud-init (the VM name,
  # as the hostname in the cloud-init user-data), as nixos/modules/virtualisation/proxmox-image.nix
  # does with cloud-init. A fixed name here would give N clones the same name (and NixOS would write
  # /etc/hostname, which cloud-init must not fight). data.hostname names the installer ISO only.
  networking.hostName = lib.mkForce "";
  time.timeZone = data.timezone;
  i18n.defaultLocale = data.locale;
  console.keyMap = data.keymap;

  environment.systemPackages = map package data.packages;

  nix.settings.experimental-features = [ "nix-command" "flakes" ];

  services.getty.helpLine = ''
    nixpve template "${data.name}"; build details in /etc/nixpve-build.json.
  '';

  system.stateVersion = data.stateVersion;
}

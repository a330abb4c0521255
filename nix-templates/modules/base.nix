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

  networking.hostName = data.hostname;
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

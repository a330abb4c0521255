{
  description = "nixpve test fixture";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/@NIXPKGS_BRANCH@";

  outputs = { self, nixpkgs }:
    let
      data = builtins.fromJSON (builtins.readFile ./nixpve-config.json);
    in {
      nixosModules.base = import ./modules/base.nix data;
    };
}

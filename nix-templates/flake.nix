# The entry point of a rendered build tree. The Java renderer copies this file with exactly one
# change: it replaces the placeholder in the nixpkgs URL below with image.nixpkgs, which it has
# validated as nixos-YY.MM (flake inputs must be literals, so this is the one value that cannot come
# from JSON). Every other value comes from nixpve-config.json and nixpve-build.json beside this file,
# read with builtins.fromJSON; nothing is ever spliced into Nix source.
{
  description = "nixpve: an installer ISO that installs one NixOS template unattended";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/@NIXPKGS_BRANCH@";

  outputs = { self, nixpkgs }:
    let
      nixpve = import ./lib/nixpve.nix;
      # Evaluation stops with a clear message when the data's nixpkgsBranch differs from the branch
      # pinned above, or the data has a format these templates do not read.
      data = nixpve.checkData nixpkgs.lib.trivial.release
        (builtins.fromJSON (builtins.readFile ./nixpve-config.json));
      build = builtins.fromJSON (builtins.readFile ./nixpve-build.json);
      nixpkgsRev = nixpkgs.rev or "unknown";
      specialArgs = { inherit data build nixpkgsRev nixpve; };

      template = nixpkgs.lib.nixosSystem {
        inherit specialArgs;
        modules = [ ./template.nix ];
      };

      installer = nixpkgs.lib.nixosSystem {
        # The ISO carries the template's closure and installs exactly this store path.
        specialArgs = specialArgs // { templateSystem = template.config.system.build.toplevel; };
        modules = [ ./installer.nix ];
      };
    in
    {
      nixosConfigurations = { inherit template installer; };

      packages.x86_64-linux = {
        iso = installer.config.system.build.isoImage;
        default = installer.config.system.build.isoImage;
      };
    };
}

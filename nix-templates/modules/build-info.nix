# /etc/nixpve-build.json: which nixpve build and which nixpkgs revision made this template.
{ data, build, nixpkgsRev, nixpve, ... }:
{
  environment.etc."nixpve-build.json".text = builtins.toJSON (nixpve.buildInfo data build nixpkgsRev);
}

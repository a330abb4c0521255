# The optional NFS mount: mounted on first access, so a clone boots while the NAS is down.
{ lib, data, nixpve, ... }:
let
  enabled = data.nfs != null;
in
{
  # optionalAttrs, not mkIf: the attribute name itself reads data.nfs, which is null when unset.
  fileSystems = lib.optionalAttrs enabled {
    ${data.nfs.mountPoint} = {
      device = nixpve.nfsDevice data.nfs;
      fsType = "nfs";
      options = nixpve.nfsOptions data.nfs;
    };
  };
  # No boot.supportedFilesystems: nixos/modules/tasks/filesystems.nix already adds every fsType of
  # fileSystems to it, which brings mount.nfs and rpcbind (nixos/modules/tasks/filesystems/nfs.nix).
}

# Pure helpers shared by flake.nix, installer.nix and the template's modules. Builtins only, no
# nixpkgs, so the tests can evaluate this file with a bare nix-instantiate
# (src/test/java/dev/nixpve/nix/templates/ShippedNixParsesTest.java).
let
  # The disk layout: the install script creates it (from installConfig below) and the template
  # mounts it, so both sides read the names from here.
  layout = {
    vgName = "nixpve";
    rootLv = "root";
    swapLv = "swap";
    rootLabel = "nixos";
    espLabel = "ESP";
  };

  formatVersion = 1;
  firmwares = [ "bios" "uefi" ];
  buses = [ "scsi" "virtio" ];
  profiles = [ "base" "kubernetes-node" ];

  problem = what: throw "nixpve-config.json: ${what}. Hint: render the build tree again with the nixpve version that ships these templates.";

  oneOf = field: allowed: value:
    builtins.elem value allowed
    || problem "${field} is ${builtins.toJSON value}, expected one of ${builtins.toJSON allowed}";

  # "python3Packages.requests" -> [ "python3Packages" "requests" ]
  packagePath = name: builtins.filter builtins.isString (builtins.split "\\." name);

  # nosuid, nodev: the kernel's default for NFS is suid and dev, which would let whoever controls
  # the NAS plant a set-uid root binary or a device node; the config refuses suid and dev for that.
  # The rest keep a boot from waiting on the NAS.
  alwaysNfsOptions = [ "nosuid" "nodev" "_netdev" "nofail" "x-systemd.automount" "x-systemd.idle-timeout=600" ];
in
{
  inherit layout packagePath;

  rootDevice = "/dev/${layout.vgName}/${layout.rootLv}";

  # The data after the checks that Java cannot make: that it matches this flake's nixpkgs
  # (release is nixpkgs.lib.trivial.release, e.g. "25.11") and the enumerations Nix relies on.
  checkData = release: data:
    let
      checks = [
        (data.formatVersion == formatVersion
          || problem "formatVersion is ${builtins.toJSON data.formatVersion}, these templates read ${toString formatVersion}")
        (data.nixpkgsBranch == "nixos-${release}"
          || problem "nixpkgsBranch is ${builtins.toJSON data.nixpkgsBranch} but flake.nix pins nixos-${release} (the renderer must replace the flake's placeholder with the same branch)")
        (oneOf "firmware" firmwares data.firmware)
        (oneOf "disk.bus" buses data.disk.bus)
        (oneOf "profile" profiles data.profile)
        (data.swapMiB >= 0 || problem "swapMiB is negative")
      ];
    in
    if builtins.all (ok: ok) checks then data else problem "invalid data";

  # What the install script reads (installer.nix writes it into the ISO as JSON).
  installConfig = data: build: {
    version = 1;
    inherit (build) buildToken;
    disk = { inherit (data.disk) device bus minBytes; };
    inherit (data) swapMiB firmware;
    inherit (data.installer) progressPath doneHoldSeconds failedHoldSeconds;
    inherit (layout) vgName rootLv swapLv rootLabel espLabel;
  };

  # Exactly one swap device, or none: the template sets this with mkForce.
  swapDevices = data:
    if data.swapMiB > 0 then [ { device = "/dev/${layout.vgName}/${layout.swapLv}"; } ] else [ ];

  # server:export, with an IPv6 address in brackets as mount.nfs wants it.
  nfsDevice = nfs:
    let
      bare = builtins.match ".*:.*" nfs.server != null && builtins.match "\\[.*" nfs.server == null;
    in
    (if bare then "[${nfs.server}]" else nfs.server) + ":" + nfs.export;

  # The configured options, then the ones that keep a clone booting while the NAS is down.
  nfsOptions = nfs:
    builtins.filter (o: !(builtins.elem o alwaysNfsOptions)) nfs.options ++ alwaysNfsOptions;

  # users.users entries for the admin users: wheel, keys only (the template has no passwords).
  adminUsers = data: builtins.listToAttrs (map
    (user: {
      inherit (user) name;
      value = {
        isNormalUser = true;
        extraGroups = [ "wheel" ];
        openssh.authorizedKeys.keys = user.sshKeys;
      };
    })
    data.users);

  # /etc/nixpve-build.json on the installed system: which build and nixpkgs made this template.
  buildInfo = data: build: nixpkgsRev: {
    inherit (build) buildId nixpveVersion;
    inherit (data) name;
    nixpkgsRevision = nixpkgsRev;
    builtAt = build.renderedAt;
  };

  # The ISO's image.baseName: iso-image.nix names the file "<baseName>.iso". Hex only, so the file
  # name is safe whatever the image is called.
  isoBaseName = build: "nixpve-${build.buildToken}";
  isoFileName = build: "nixpve-${build.buildToken}.iso";
}

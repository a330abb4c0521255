# Every configured value arrives as data, never as Nix source.
data: { lib, ... }: {
  networking.hostName = data.hostname;
  time.timeZone = data.timezone;
  users.users = lib.listToAttrs (map (u: lib.nameValuePair u.name {
    isNormalUser = true;
    openssh.authorizedKeys.keys = u.sshKeys;
  }) data.users);
}

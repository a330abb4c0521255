# The firewall is on; SSH is the only port every template opens (kubernetes-node.nix adds more).
{ ... }:
{
  networking.firewall = {
    enable = true;
    allowedTCPPorts = [ 22 ];
  };
}

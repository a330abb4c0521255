# The admin users from the configuration: wheel, SSH keys, sudo without a password.
{ data, nixpve, ... }:
{
  # Stays mutable: cloud-init must be able to add the user Proxmox's ciuser names.
  users.mutableUsers = true;
  users.users = nixpve.adminUsers data;
  security.sudo.wheelNeedsPassword = false;
}

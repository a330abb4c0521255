# The QEMU guest agent: Proxmox reads the clone's IP addresses and shuts it down cleanly through it.
{ ... }:
{
  services.qemuGuest.enable = true;
}

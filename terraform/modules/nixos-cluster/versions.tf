terraform {
  required_version = ">= 1.3.0"

  required_providers {
    # A module must name a provider outside the hashicorp namespace itself; the root pins the version.
    proxmox = {
      source = "bpg/proxmox"
    }
  }
}

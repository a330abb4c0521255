terraform {
  # templatefile(), startswith() and lifecycle preconditions need 1.3 or later.
  required_version = ">= 1.3.0"

  required_providers {
    # bpg/proxmox is still 0.x, where a minor release may change a schema: "~> 0.89" accepts
    # 0.89 and later 0.x releases but never 1.0, which renames the resources (its ADR-007).
    proxmox = {
      source  = "bpg/proxmox"
      version = "~> 0.89"
    }
  }
}

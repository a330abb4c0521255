# The other way to consume a nixpve template: no file from nixpve at all. Ask Proxmox for the
# templates tagged nixpve and <template name>, take the newest that did not fail, and clone it with
# the same module.
# Run it from this directory with the same PROXMOX_VE_* environment as the root module.

terraform {
  required_version = ">= 1.3.0"

  required_providers {
    proxmox = {
      source  = "bpg/proxmox"
      version = "~> 0.89"
    }
  }
}

provider "proxmox" {}

variable "template_name" {
  type        = string
  description = "nixpve's image.name: every template of that image carries it as a tag."
  default     = "nixos-base"
}

variable "build" {
  type        = string
  description = "Pin one build: the 12 digits of its build-<id> tag. Empty takes the newest template."
  default     = ""
}

variable "ssh_public_keys" {
  type        = list(string)
  description = "SSH public keys cloud-init installs for the VMs' user."
}

data "proxmox_virtual_environment_vms" "templates" {
  # A VM matches when it has all of these tags (the data source's tags argument).
  tags = compact(["nixpve", var.template_name, var.build == "" ? "" : "build-${var.build}"])

  filter {
    name   = "template"
    values = ["true"]
  }

  lifecycle {
    postcondition {
      condition     = length([for t in self.vms : t if !contains(t.tags, "failed")]) > 0
      error_message = "No template is tagged nixpve and ${var.template_name}${var.build == "" ? "" : " and build-${var.build}"}: run nixpve first, or check template_name."
    }
  }
}

locals {
  # A template that failed nixpve's smoke test keeps the tag failed and is never taken.
  templates = [for t in data.proxmox_virtual_environment_vms.templates.vms : t if !contains(t.tags, "failed")]

  # The newest template carries the latest created-<UTC time> tag (it sorts as text); VMIDs say
  # nothing about age, since nixpve reuses the lowest free one. "<tag>/<vmid>" keeps the pair.
  created = [
    for t in local.templates :
    format("%s/%d", coalesce(one([for tag in t.tags : tag if startswith(tag, "created-")]), "created-0"), t.vm_id)
  ]
  newest_vm_id = tonumber(split("/", reverse(sort(local.created))[0])[1])
  newest       = one([for t in local.templates : t if t.vm_id == local.newest_vm_id])

  # The same build may exist on several nodes: each VM clones the copy on its own node.
  build_tag  = one([for tag in local.newest.tags : tag if startswith(tag, "build-")])
  same_build = [for t in local.templates : t if contains(t.tags, local.build_tag)]
}

module "cluster" {
  source = "../../modules/nixos-cluster"

  node_name       = local.newest.node_name
  template_vm_id  = local.newest.vm_id
  template_vm_ids = { for t in local.same_build : t.node_name => t.vm_id }
  template_name   = var.template_name
  build_id        = trimprefix(local.build_tag, "build-")
  ssh_public_keys = var.ssh_public_keys
}

output "template" {
  description = "The template the VMs were cloned from."
  value       = local.newest
}

output "ansible_inventory" {
  description = "YAML inventory: terraform output -raw ansible_inventory > inventory.yaml"
  value       = module.cluster.ansible_inventory
}

# The other way to consume a nixpve template: no file from nixpve at all. Ask Proxmox for the
# templates tagged nixpve and <image name>, take the newest that did not fail, and clone it with
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

variable "image_name" {
  type        = string
  description = "nixpve's image.name: every template of that image carries it as a tag."
  default     = "nixos-base"
}

variable "build" {
  type        = string
  description = "Pin one build: the 12 digits of its build-<id> tag. Empty takes the newest template."
  default     = ""
}

variable "node_name" {
  type        = string
  description = "The node the VMs run on. Yours: a newer template elsewhere never moves a VM."
}

variable "ssh_public_keys" {
  type        = list(string)
  description = "SSH public keys cloud-init installs for the VMs' user."
}

# The data source sees names, nodes and tags, not disks: say what nixpve's vm section says.
variable "disk_size_gb" {
  type        = number
  description = "Disk size of each VM in GiB: at least nixpve's vm.diskSize, or the clone fails (PVE cannot shrink a disk)."
  default     = 20
}

variable "disk_interface" {
  type        = string
  description = "The template's system disk: scsi0, or virtio0 when nixpve's vm.diskBus is virtio."
  default     = "scsi0"
}

variable "datastore_id" {
  type        = string
  description = "Storage of the template's disk (nixpve's target.diskStorage); the clones' disks and cloud-init drives go there too."
  default     = "local-lvm"
}

data "proxmox_virtual_environment_vms" "templates" {
  # A VM matches when it has all of these tags (the data source's tags argument).
  tags = compact(["nixpve", var.image_name, var.build == "" ? "" : "build-${var.build}"])

  filter {
    name   = "template"
    values = ["true"]
  }

  lifecycle {
    postcondition {
      condition     = length([for t in self.vms : t if !contains(t.tags, "failed") && length([for tag in t.tags : tag if startswith(tag, "build-")]) == 1]) > 0
      error_message = "No template is tagged nixpve and ${var.image_name}${var.build == "" ? "" : " and build-${var.build}"} (with one build-<id> tag, without failed): run nixpve first, or check image_name."
    }
  }
}

locals {
  # nixpve tags each template with exactly one build-<id>; one that failed its smoke test keeps
  # the tag failed. Anything else is not a template to take.
  templates = [
    for t in data.proxmox_virtual_environment_vms.templates.vms : merge(t, {
      build   = one([for tag in t.tags : tag if startswith(tag, "build-")])
      created = coalesce(one([for tag in t.tags : tag if startswith(tag, "created-")]), "created-0")
    }) if !contains(t.tags, "failed") && length([for tag in t.tags : tag if startswith(tag, "build-")]) == 1
  ]

  # The newest carries the latest created-<UTC time> tag (it sorts as text); VMIDs say nothing
  # about age, since nixpve reuses the lowest free one. "<created>/<vmid>" keeps the pair unique.
  order      = [for t in local.templates : format("%s/%010d", t.created, t.vm_id)]
  newest_key = reverse(sort(local.order))[0]
  newest     = one([for t in local.templates : t if format("%s/%010d", t.created, t.vm_id) == local.newest_key])
  same_build = [for t in local.templates : t if t.build == local.newest.build]

  # One copy per node: two good templates of one build on one node are grouped, the newest wins.
  by_node = {
    for t in local.same_build : t.node_name => format("%s/%010d", t.created, t.vm_id)...
  }
  copies = {
    for node, keys in local.by_node : node => one([
      for t in local.same_build : t if t.node_name == node && format("%s/%010d", t.created, t.vm_id) == reverse(sort(keys))[0]
    ])
  }
}

module "cluster" {
  source = "../../modules/nixos-cluster"

  node_name       = var.node_name
  image_name      = var.image_name
  disk_size_gb    = var.disk_size_gb
  ssh_public_keys = var.ssh_public_keys

  templates = {
    for node, t in local.copies : node => {
      vm_id          = t.vm_id
      name           = t.name
      build_id       = trimprefix(t.build, "build-")
      datastore      = var.datastore_id
      disk_interface = var.disk_interface
      disk_gb        = var.disk_size_gb
    }
  }
}

output "template" {
  description = "The newest template; VMs clone the copy of its build on their own node."
  value       = local.newest
}

output "copies" {
  description = "The copy of that build on each node, by node."
  value       = { for node, t in local.copies : node => t.vm_id }
}

output "ansible_inventory" {
  description = "YAML inventory: terraform output -raw ansible_inventory > inventory.yaml"
  value       = module.cluster.ansible_inventory
}

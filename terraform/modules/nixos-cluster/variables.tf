variable "node_name" {
  type        = string
  description = "The node of every VM unless vm_nodes spreads them. A user setting: no template decides where VMs run."
}

variable "templates" {
  type = map(object({
    vm_id          = number
    name           = optional(string, "")
    build_id       = optional(string, "")
    nixpkgs_rev    = optional(string, "")
    datastore      = optional(string)
    disk_interface = optional(string, "scsi0")
    disk_gb        = optional(number, 0)
    node           = optional(string)
  }))
  description = "The current template by node (nixpve's templates variable): a VM clones the copy on its own node, else the copy on node_name (or the first node's) and is migrated. An entry whose node names another node is a template on shared storage serving this one: the VM is cloned straight onto its own node from there."

  validation {
    condition     = length(var.templates) > 0
    error_message = "templates names no template: run nixpve first, or look one up by tag (examples/lookup-by-tag)."
  }
}

variable "image_name" {
  type        = string
  description = "nixpve's image.name, for the VMs' description."
  default     = ""
}

variable "ssh_public_keys" {
  type        = list(string)
  description = "SSH public keys cloud-init installs for ci_user."
}

variable "control_plane_count" {
  type        = number
  description = "Number of control-plane VMs."
  default     = 1
}

variable "worker_count" {
  type        = number
  description = "Number of worker VMs."
  default     = 2
}

variable "vm_name_prefix" {
  type        = string
  description = "VM names are <prefix>-cp-<n> and <prefix>-worker-<n>."
  default     = "k8s"
}

variable "vm_nodes" {
  type        = list(string)
  description = "Nodes to spread the VMs over, round robin; empty puts every VM on node_name."
  default     = []
}

variable "datastore_id" {
  type        = string
  description = "Storage for the clones' disks; null takes the template's own storage (so nothing is moved)."
  default     = null
}

variable "cloud_init_datastore" {
  type        = string
  description = "Storage for the clones' cloud-init drives; null takes the disk's storage. Read at create only."
  default     = null
}

variable "disk_size_gb" {
  type        = number
  description = "Disk size of each VM in GiB; never less than the template's (PVE cannot shrink a disk)."
  default     = 20
}

variable "disk_discard" {
  type        = bool
  description = "Pass TRIM through to the storage (discard=on, as nixpve's template has); false is the provider's ignore."
  default     = true
}

variable "disk_iothread" {
  type        = bool
  description = "Give the disk its own I/O thread (iothread=1, as nixpve's template has)."
  default     = true
}

variable "cpu_type" {
  type        = string
  description = "QEMU CPU model. The provider's default qemu64 lacks x86-64-v2, which many container images need; host is fastest but stops live migration between unlike CPUs."
  default     = "x86-64-v2-AES"
}

variable "cores" {
  type        = number
  description = "CPU cores of each VM."
  default     = 2
}

variable "memory_mb" {
  type        = number
  description = "Memory of each VM in MiB."
  default     = 4096
}

variable "bridge" {
  type        = string
  description = "The bridge the VMs' network cards join."
  default     = "vmbr0"
}

variable "ci_user" {
  type        = string
  description = "The user cloud-init gives the SSH keys to; also ansible_user in the inventory."
  default     = "nixos"
}

variable "ipv4_addresses" {
  type        = list(string)
  description = "Static addresses in CIDR form, one per VM (control planes first); empty means DHCP."
  default     = []
}

variable "ipv4_gateway" {
  type        = string
  description = "Gateway for static addresses."
  default     = null
}

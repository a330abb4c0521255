variable "node_name" {
  type        = string
  description = "The node of the primary template, and of every VM unless vm_nodes spreads them."
}

variable "template_vm_id" {
  type        = number
  description = "VMID of the template on node_name."
}

variable "template_vm_ids" {
  type        = map(number)
  description = "Template VMIDs by node: a VM clones the copy on its own node when there is one."
  default     = {}
}

variable "template_name" {
  type        = string
  description = "The template's name, for the VMs' description."
  default     = ""
}

variable "template_disk_gb" {
  type        = number
  description = "The template's disk size in GiB; clones never get less."
  default     = 0
}

variable "build_id" {
  type        = string
  description = "nixpve build id of the template; its first 12 digits become the tag build-<id>."
  default     = ""
}

variable "nixpkgs_rev" {
  type        = string
  description = "The template's nixpkgs revision, for the VMs' description."
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
  description = "Storage for the clones' disks."
  default     = "local-lvm"
}

variable "cloud_init_datastore" {
  type        = string
  description = "Storage for the clones' cloud-init drives."
  default     = "local-lvm"
}

variable "disk_interface" {
  type        = string
  description = "The template's system disk, resized in the clone."
  default     = "scsi0"
}

variable "disk_size_gb" {
  type        = number
  description = "Disk size of each VM in GiB."
  default     = 20
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
  description = "The user cloud-init gives the SSH keys to."
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

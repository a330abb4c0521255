# --- Set by nixpve: out/template.auto.tfvars.json, copied or linked here -------------------------

variable "proxmox_node" {
  type        = string
  description = "The node that holds the primary template; VMs go there unless vm_nodes says otherwise."
}

variable "template_vm_id" {
  type        = number
  description = "VMID of the primary template on proxmox_node."
}

variable "template_vm_ids" {
  type        = map(number)
  description = "Template VMIDs by node, when nixpve published the template on several nodes."
  default     = {}
}

variable "template_name" {
  type        = string
  description = "The template's name (also one of its tags)."
}

variable "template_datastore" {
  type        = string
  description = "Storage of the template's disk."
}

variable "cloud_init_datastore" {
  type        = string
  description = "Storage for the clones' cloud-init drives."
}

variable "template_disk_gb" {
  type        = number
  description = "Size of the template's disk in GiB; a clone's disk is never smaller (PVE cannot shrink one)."
  default     = 0
}

variable "build_id" {
  type        = string
  description = "nixpve build id of the template; clones carry its first 12 digits as tag build-<id>."
}

variable "nixpkgs_rev" {
  type        = string
  description = "The nixpkgs revision the template was built from."
}

# --- The cluster: yours to set in terraform.tfvars ----------------------------------------------

variable "ssh_public_keys" {
  type        = list(string)
  description = "SSH public keys cloud-init installs for ci_user."
}

variable "proxmox_insecure" {
  type        = bool
  description = "Skip TLS verification of the API; null leaves it to PROXMOX_VE_INSECURE."
  default     = null
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
  description = "Nodes to spread the VMs over, round robin; empty puts every VM on proxmox_node."
  default     = []
}

variable "datastore_id" {
  type        = string
  description = "Storage for the clones' disks."
  default     = "local-lvm"
}

variable "disk_interface" {
  type        = string
  description = "The template's system disk: scsi0, or virtio0 when nixpve's vm.diskBus is virtio."
  default     = "scsi0"
}

variable "disk_size_gb" {
  type        = number
  description = "Disk size of each VM in GiB (at least the template's)."
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
  description = "Gateway for static addresses; unused with DHCP."
  default     = null
}

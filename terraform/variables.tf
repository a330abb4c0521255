# --- Set by nixpve: out/template.auto.tfvars.json, copied or linked here -------------------------

variable "image_name" {
  type        = string
  description = "nixpve's image.name: every template of that image carries it as a tag."
}

variable "templates" {
  type = map(object({
    vm_id          = number
    name           = string
    build_id       = string
    nixpkgs_rev    = string
    datastore      = string
    disk_interface = string
    disk_gb        = optional(number, 0)
    node           = optional(string)
  }))
  description = "The current template of image_name on each node nixpve published to: VMID, VM name, build, nixpkgs revision, disk storage, disk bus (scsi0 or virtio0), disk size in GiB, and, for a template on shared storage serving several nodes, the node that holds it. Each node's copy may be of another build."
}

# --- The cluster: yours to set in terraform.tfvars ----------------------------------------------

variable "proxmox_node" {
  type        = string
  description = "The node the VMs run on unless vm_nodes spreads them. Yours, not nixpve's: a new template never moves a VM."
}

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
  description = "Storage for the clones' disks; null takes the template's storage. Read at create only."
  default     = null
}

variable "cloud_init_datastore" {
  type        = string
  description = "Storage for the clones' cloud-init drives; null takes the disk's. Read at create only."
  default     = null
}

variable "disk_size_gb" {
  type        = number
  description = "Disk size of each VM in GiB (at least the template's)."
  default     = 20
}

variable "disk_discard" {
  type        = bool
  description = "discard=on for the VMs' disks, as the template has."
  default     = true
}

variable "disk_iothread" {
  type        = bool
  description = "iothread=1 for the VMs' disks, as the template has."
  default     = true
}

variable "cpu_type" {
  type        = string
  description = "QEMU CPU model of each VM (the provider's own default, qemu64, lacks x86-64-v2)."
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

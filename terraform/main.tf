# A small Kubernetes-ready cluster cloned from the template nixpve published last. nixpve writes
# the template's variables to out/template.auto.tfvars.json; copy or link it here, put your own
# settings in terraform.tfvars (see terraform.tfvars.example), then terraform apply.
module "cluster" {
  source = "./modules/nixos-cluster"

  node_name        = var.proxmox_node
  template_vm_id   = var.template_vm_id
  template_vm_ids  = var.template_vm_ids
  template_name    = var.template_name
  template_disk_gb = var.template_disk_gb
  build_id         = var.build_id
  nixpkgs_rev      = var.nixpkgs_rev

  control_plane_count  = var.control_plane_count
  worker_count         = var.worker_count
  vm_name_prefix       = var.vm_name_prefix
  vm_nodes             = var.vm_nodes
  datastore_id         = var.datastore_id
  cloud_init_datastore = var.cloud_init_datastore
  disk_interface       = var.disk_interface
  disk_size_gb         = var.disk_size_gb
  cores                = var.cores
  memory_mb            = var.memory_mb
  bridge               = var.bridge
  ci_user              = var.ci_user
  ssh_public_keys      = var.ssh_public_keys
  ipv4_addresses       = var.ipv4_addresses
  ipv4_gateway         = var.ipv4_gateway
}

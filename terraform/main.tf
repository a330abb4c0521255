# A small Kubernetes-ready cluster cloned from the template nixpve published last. nixpve writes
# the template's variables to out/template.auto.tfvars.json; copy or link it here, put your own
# settings in terraform.tfvars (see terraform.tfvars.example), then terraform apply.
module "cluster" {
  source = "./modules/nixos-cluster"

  templates  = var.templates
  image_name = var.image_name

  node_name            = var.proxmox_node
  vm_nodes             = var.vm_nodes
  control_plane_count  = var.control_plane_count
  worker_count         = var.worker_count
  vm_name_prefix       = var.vm_name_prefix
  datastore_id         = var.datastore_id
  cloud_init_datastore = var.cloud_init_datastore
  disk_size_gb         = var.disk_size_gb
  disk_discard         = var.disk_discard
  disk_iothread        = var.disk_iothread
  cpu_type             = var.cpu_type
  cores                = var.cores
  memory_mb            = var.memory_mb
  bridge               = var.bridge
  ci_user              = var.ci_user
  ssh_public_keys      = var.ssh_public_keys
  ipv4_addresses       = var.ipv4_addresses
  ipv4_gateway         = var.ipv4_gateway
}

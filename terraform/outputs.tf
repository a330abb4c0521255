output "vm_ids" {
  description = "VMID of each VM, by name."
  value       = module.cluster.vm_ids
}

output "names" {
  description = "The VMs' names."
  value       = module.cluster.names
}

output "ipv4_addresses" {
  description = "The address of each VM, by name (null until the guest agent reports a DHCP lease)."
  value       = module.cluster.ipv4_addresses
}

output "ansible_inventory" {
  description = "YAML inventory: terraform output -raw ansible_inventory > inventory.yaml"
  value       = module.cluster.ansible_inventory
}

output "template" {
  description = "The template the VMs were cloned from."
  value = {
    node      = var.proxmox_node
    vm_id     = var.template_vm_id
    name      = var.template_name
    datastore = var.template_datastore
    build_id  = var.build_id
    nixpkgs   = var.nixpkgs_rev
  }
}

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

output "templates" {
  description = "The templates new VMs are cloned from, by node (running VMs keep the one they were made from)."
  value       = { for node, t in var.templates : node => merge(t, { image = var.image_name }) }
}

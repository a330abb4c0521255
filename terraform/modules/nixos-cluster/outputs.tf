output "vm_ids" {
  description = "VMID of each VM, by name."
  value       = { for name, vm in proxmox_virtual_environment_vm.node : name => vm.vm_id }
}

output "names" {
  description = "The VMs' names."
  value       = keys(proxmox_virtual_environment_vm.node)
}

output "nodes" {
  description = "The node of each VM, by name."
  value       = { for name, vm in proxmox_virtual_environment_vm.node : name => vm.node_name }
}

output "ipv4_addresses" {
  description = "The address Ansible connects to, by name: the static one, else the guest agent's first non-loopback IPv4 (null until it reports)."
  value       = local.addresses
}

output "ansible_inventory" {
  description = "An Ansible inventory (YAML) with the groups and host variables of nixpve inventory: k8s_cluster (control_plane, workers), nixpve_<node>, build_<id>."
  value       = "# Rendered by Terraform (modules/nixos-cluster) with the groups nixpve inventory writes.\n${yamlencode(local.inventory)}"
}

output "clones" {
  description = "What each VM was made from, by name: node, template VMID and node, tags, disk interface, size and storage."
  value = {
    for name, vm in proxmox_virtual_environment_vm.node : name => {
      node          = vm.node_name
      template_id   = vm.clone[0].vm_id
      template_node = vm.clone[0].node_name
      tags          = vm.tags
      disk          = { interface = vm.disk[0].interface, size = vm.disk[0].size, datastore = vm.disk[0].datastore_id }
    }
  }
}

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
  description = "An Ansible inventory (YAML) of the VMs: k8s_cluster with children control_plane and workers."
  value = templatefile("${path.module}/inventory.yaml.tftpl", {
    groups = {
      for group, members in local.inventory_groups : group => {
        for name, vm in members : name => {
          ip    = local.addresses[name]
          role  = vm.role
          node  = vm.node
          vm_id = proxmox_virtual_environment_vm.node[name].vm_id
        }
      }
    }
  })
}

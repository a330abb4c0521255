locals {
  nodes = length(var.vm_nodes) > 0 ? var.vm_nodes : [var.node_name]

  # Control planes first: ipv4_addresses is matched to VMs in this order.
  members = concat(
    [for i in range(var.control_plane_count) : { name = format("%s-cp-%d", var.vm_name_prefix, i + 1), role = "control-plane" }],
    [for i in range(var.worker_count) : { name = format("%s-worker-%d", var.vm_name_prefix, i + 1), role = "worker" }],
  )

  vms = {
    for index, member in local.members : member.name => {
      role = member.role
      node = local.nodes[index % length(local.nodes)]
      # Too few addresses fail the precondition below rather than an index error here.
      ipv4 = length(var.ipv4_addresses) > index ? var.ipv4_addresses[index] : "dhcp"
    }
  }

  # PVE keeps tags lower case and sorted; anything else shows as a change on every plan.
  build_tags = var.build_id == "" ? [] : [lower("build-${substr(var.build_id, 0, 12)}")]

  description = join("\n", compact([
    "Cloned by Terraform from the nixpve template ${var.template_name}.",
    var.build_id == "" ? "" : "build ${var.build_id}",
    var.nixpkgs_rev == "" ? "" : "nixpkgs ${var.nixpkgs_rev}",
  ]))
}

resource "proxmox_virtual_environment_vm" "node" {
  for_each = local.vms

  name        = each.key
  node_name   = each.value.node
  description = local.description
  tags        = sort(concat(["nixpve", each.value.role], local.build_tags))
  on_boot     = true
  started     = true

  clone {
    # The template's copy on this VM's node when nixpve published one there; otherwise the
    # provider clones on the primary node and migrates the VM.
    vm_id        = lookup(var.template_vm_ids, each.value.node, var.template_vm_id)
    node_name    = contains(keys(var.template_vm_ids), each.value.node) ? each.value.node : var.node_name
    full         = true
    datastore_id = var.datastore_id
  }

  agent {
    enabled = true
  }

  cpu {
    cores = var.cores
  }

  memory {
    dedicated = var.memory_mb
  }

  disk {
    interface    = var.disk_interface
    datastore_id = var.datastore_id
    size         = max(var.disk_size_gb, var.template_disk_gb)
  }

  network_device {
    bridge = var.bridge
  }

  initialization {
    datastore_id = var.cloud_init_datastore

    user_account {
      username = var.ci_user
      keys     = var.ssh_public_keys
    }

    ip_config {
      ipv4 {
        address = each.value.ipv4
        gateway = each.value.ipv4 == "dhcp" ? null : var.ipv4_gateway
      }
    }
  }

  lifecycle {
    # A new template must not replace running nodes behind your back: a VM keeps the clone source,
    # build tag and description it was made with. Roll a node onto a new template with
    # terraform apply -replace='module.cluster.proxmox_virtual_environment_vm.node["k8s-worker-1"]'.
    ignore_changes = [clone, tags, description]

    precondition {
      condition     = length(var.ipv4_addresses) == 0 || length(var.ipv4_addresses) == length(local.members)
      error_message = "ipv4_addresses needs one address per VM (control planes first), or none for DHCP."
    }
  }
}

locals {
  # A static address is known before the VM boots; otherwise the guest agent reports the lease.
  addresses = {
    for name, vm in proxmox_virtual_environment_vm.node : name => (
      local.vms[name].ipv4 != "dhcp"
      ? split("/", local.vms[name].ipv4)[0]
      : try([for ip in flatten(vm.ipv4_addresses) : ip if !startswith(ip, "127.") && !startswith(ip, "169.254.")][0], null)
    )
  }

  inventory_groups = {
    control_plane = { for name, vm in local.vms : name => vm if vm.role == "control-plane" }
    workers       = { for name, vm in local.vms : name => vm if vm.role == "worker" }
  }
}

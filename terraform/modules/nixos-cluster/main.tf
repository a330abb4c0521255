locals {
  nodes = length(var.vm_nodes) > 0 ? var.vm_nodes : [var.node_name]

  # A VM on a node without a copy clones the copy on node_name (else the first node's, in name
  # order) and the provider migrates it: that takes VM.Migrate on the new VM.
  fallback_node = contains(keys(var.templates), var.node_name) ? var.node_name : sort(keys(var.templates))[0]

  # Control planes first: ipv4_addresses is matched to VMs in this order.
  members = concat(
    [for i in range(var.control_plane_count) : { name = format("%s-cp-%d", var.vm_name_prefix, i + 1), role = "control-plane" }],
    [for i in range(var.worker_count) : { name = format("%s-worker-%d", var.vm_name_prefix, i + 1), role = "worker" }],
  )

  vms = {
    for index, member in local.members : member.name => {
      role = member.role
      node = local.nodes[index % length(local.nodes)]
      # The template this VM is cloned from: the copy on its own node when there is one.
      source = contains(keys(var.templates), local.nodes[index % length(local.nodes)]) ? local.nodes[index % length(local.nodes)] : local.fallback_node
      # Too few addresses fail the precondition below rather than an index error here.
      ipv4 = length(var.ipv4_addresses) > index ? var.ipv4_addresses[index] : "dhcp"
    }
  }

  # Each VM carries the build of the copy it was cloned from, lower case as PVE stores tags.
  build_tags = {
    for node, t in var.templates : node => (t.build_id == "" ? [] : [format("build-%s", lower(substr(t.build_id, 0, 12)))])
  }

  image_note = var.image_name == "" ? "" : format(" (image %s)", var.image_name)
  descriptions = {
    for node, t in var.templates : node => join("\n", compact([
      format("Cloned by Terraform from the nixpve template %s%s.", t.name, local.image_note),
      t.build_id == "" ? "" : format("build %s", t.build_id),
      t.nixpkgs_rev == "" ? "" : format("nixpkgs %s", t.nixpkgs_rev),
    ]))
  }

  # Where each entry's template lives: its own node, or, for a template on shared storage that
  # serves several nodes, the node named in it. bpg/proxmox clones across nodes with PVE's
  # `target` when every disk of the source is on shared storage, else clones locally and migrates.
  holders = { for node, t in var.templates : node => coalesce(t.node, node) }

  # The clone lands on the template's own storage unless datastore_id says otherwise.
  datastores = { for node, t in var.templates : node => coalesce(var.datastore_id, t.datastore, "local-lvm") }
}

resource "proxmox_virtual_environment_vm" "node" {
  for_each = local.vms

  name        = each.key
  node_name   = each.value.node
  description = local.descriptions[each.value.source]
  tags        = sort(distinct(concat(["nixpve", each.value.role], local.build_tags[each.value.source])))
  on_boot     = true
  started     = true
  # A change of vm_nodes moves a VM (online, with its local disks) instead of destroying it.
  migrate = true
  # nixpve's template has virtio-scsi-single (one I/O thread per disk); the provider's default
  # virtio-scsi-pci would show as a change on every plan.
  scsi_hardware = "virtio-scsi-single"

  clone {
    vm_id        = var.templates[each.value.source].vm_id
    node_name    = local.holders[each.value.source]
    full         = true
    datastore_id = local.datastores[each.value.source]
  }

  agent {
    enabled = true

    # Create waits for an address, so ipv4_addresses and the inventory have one.
    wait_for_ip {
      ipv4 = true
    }
  }

  cpu {
    cores = var.cores
    type  = var.cpu_type
  }

  memory {
    dedicated = var.memory_mb
  }

  # The provider writes every disk option it knows: unset ones would reset the template's.
  disk {
    interface    = var.templates[each.value.source].disk_interface
    datastore_id = local.datastores[each.value.source]
    size         = max(var.disk_size_gb, var.templates[each.value.source].disk_gb)
    discard      = var.disk_discard ? "on" : "ignore"
    iothread     = var.disk_iothread
  }

  network_device {
    bridge = var.bridge
  }

  initialization {
    datastore_id = coalesce(var.cloud_init_datastore, local.datastores[each.value.source])

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
    # A new template must not replace or move running VMs: a VM keeps the clone source, build
    # tag, description, disk bus and storages it was made with. Roll a VM onto a new template with
    # terraform apply -replace='module.cluster.proxmox_virtual_environment_vm.node["k8s-worker-1"]'.
    # A storage change would move a drive (the cloud-init one only while the VM is off).
    ignore_changes = [
      clone,
      tags,
      description,
      disk[0].interface,
      disk[0].datastore_id,
      initialization[0].datastore_id,
    ]

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

  # The host variables nixpve inventory writes, named as community.proxmox's inventory names them.
  hostvars = {
    for name, vm in proxmox_virtual_environment_vm.node : name => merge(local.ansible_hosts[name], {
      ansible_user = var.ci_user
      proxmox_vmid = vm.vm_id
      proxmox_node = vm.node_name
      proxmox_tags = join(";", vm.tags)
      node_role    = local.vms[name].role
    })
  }
  ansible_hosts = { for name, ip in local.addresses : name => (ip == null ? {} : { ansible_host = ip }) }

  # The same groups as nixpve inventory: k8s_cluster (control_plane, workers), nixpve_<node>
  # and build_<id>; a host's variables are written once, in its role group.
  role_groups = {
    control_plane = { for name, vm in local.vms : name => local.hostvars[name] if vm.role == "control-plane" }
    workers       = { for name, vm in local.vms : name => local.hostvars[name] if vm.role == "worker" }
  }
  node_groups = {
    for node in distinct([for vm in local.vms : vm.node]) :
    format("nixpve_%s", replace(lower(node), "/[^a-z0-9_]/", "_")) => { for name, vm in local.vms : name => {} if vm.node == node }
  }
  build_groups = {
    for tag in distinct(flatten([for vm in local.vms : local.build_tags[vm.source]])) :
    replace(tag, "/^build-/", "build_") => { for name, vm in local.vms : name => {} if contains(local.build_tags[vm.source], tag) }
  }

  k8s_cluster = {
    children = { for group, hosts in local.role_groups : group => (length(hosts) == 0 ? {} : { hosts = hosts }) }
  }
  other_groups = { for group, hosts in merge(local.node_groups, local.build_groups) : group => { hosts = hosts } }
  inventory    = { all = { children = merge({ k8s_cluster = local.k8s_cluster }, local.other_groups) } }
}

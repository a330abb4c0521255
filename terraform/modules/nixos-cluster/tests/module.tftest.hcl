# The module's logic, planned and applied against a mock of bpg/proxmox (no cluster needed):
#   ../../../../shared/tools/tf-schema-provider/tf-check . test    (from modules/nixos-cluster)

mock_provider "proxmox" {
  mock_resource "proxmox_virtual_environment_vm" {
    defaults = {
      vm_id          = 201
      ipv4_addresses = [["127.0.0.1"], ["192.168.1.50"]]
    }
  }
}

variables {
  node_name       = "pve1"
  image_name      = "nixos-k8s"
  ssh_public_keys = ["ssh-ed25519 AAAA test"]
  templates = {
    pve1 = {
      vm_id          = 9104
      name           = "nixos-k8s-0123abcd"
      build_id       = "0123456789ABCDEF0123456789abcdef01234567"
      nixpkgs_rev    = "a1b2c3"
      datastore      = "tank"
      disk_interface = "scsi0"
      disk_gb        = 32
    }
  }
}

# Item 20: the clone keeps the template's discard=on,iothread=1 and gets a CPU that runs x86-64-v2.
run "disk_and_cpu_options_match_the_template" {
  command = plan

  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.disk[0].discard == "on" && vm.disk[0].iothread == true])
    error_message = "the provider resets what the disk block leaves out: discard must be on, iothread true"
  }
  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.cpu[0].type == "x86-64-v2-AES"])
    error_message = "the provider's default CPU is qemu64, which x86-64-v2 images cannot run"
  }
  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.scsi_hardware == "virtio-scsi-single"])
    error_message = "the template's SCSI controller must be restated, or every plan changes it"
  }
}

run "disk_options_are_settings" {
  command = plan

  variables {
    disk_discard  = false
    disk_iothread = false
    cpu_type      = "host"
  }

  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-cp-1"].disk[0].discard == "ignore" && !proxmox_virtual_environment_vm.node["k8s-cp-1"].disk[0].iothread
    error_message = "disk_discard and disk_iothread turn the options off"
  }
  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-cp-1"].cpu[0].type == "host"
    error_message = "cpu_type is passed on"
  }
}

# Items 21 and 25: the disk bus, size and storage come from the template; cloud-init follows the disk.
run "the_disk_is_the_templates_own" {
  command = plan

  variables {
    templates = {
      pve1 = {
        vm_id          = 9104
        datastore      = "tank"
        disk_interface = "virtio0"
        disk_gb        = 32
      }
    }
  }

  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.disk[0].interface == "virtio0"])
    error_message = "a virtio template's disk is virtio0; scsi0 would add a second, empty disk"
  }
  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.disk[0].size == 32])
    error_message = "a clone's disk is never smaller than the template's (20 < 32 fails the clone)"
  }
  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.disk[0].datastore_id == "tank" && vm.clone[0].datastore_id == "tank" && vm.initialization[0].datastore_id == "tank"])
    error_message = "without datastore_id the clone stays on the template's storage, and so does its cloud-init drive"
  }
}

# Item 25: create waits for an IPv4 address from the guest agent.
run "create_waits_for_an_address" {
  command = plan

  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.agent[0].enabled && vm.agent[0].wait_for_ip[0].ipv4])
    error_message = "agent.wait_for_ip.ipv4 must be set"
  }
}

# Item 22: each VM clones the copy on its own node and carries that copy's build.
run "each_vm_carries_its_own_build" {
  command = plan

  variables {
    vm_nodes     = ["pve1", "pve2", "pve3"]
    worker_count = 3
    templates = {
      pve1 = { vm_id = 9104, build_id = "0123456789abcdef", datastore = "local-lvm" }
      pve2 = { vm_id = 9230, build_id = "fedcba9876543210", datastore = "local-lvm" }
    }
  }

  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-worker-1"].node_name == "pve2" && proxmox_virtual_environment_vm.node["k8s-worker-1"].clone[0].vm_id == 9230 && proxmox_virtual_environment_vm.node["k8s-worker-1"].clone[0].node_name == "pve2"
    error_message = "a VM on pve2 clones pve2's copy"
  }
  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-worker-1"].tags == tolist(["build-fedcba987654", "nixpve", "worker"])
    error_message = "a VM is tagged with the build it was cloned from, not the primary's"
  }
  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-cp-1"].tags == tolist(["build-0123456789ab", "control-plane", "nixpve"])
    error_message = "tags are lower case and sorted, as PVE stores them"
  }
  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-worker-2"].node_name == "pve3" && proxmox_virtual_environment_vm.node["k8s-worker-2"].clone[0].node_name == "pve1" && proxmox_virtual_environment_vm.node["k8s-worker-2"].clone[0].vm_id == 9104 && contains(proxmox_virtual_environment_vm.node["k8s-worker-2"].tags, "build-0123456789ab")
    error_message = "a VM on a node without a copy clones node_name's copy (then migrates) and carries its build"
  }
}

# Issue 15: one template on shared storage serves every node; each VM is cloned onto its own
# node from the node that holds it (bpg/proxmox then clones with PVE's target, no migration).
run "a_shared_template_is_cloned_onto_each_node" {
  command = plan

  variables {
    vm_nodes     = ["pve1", "pve2", "pve3"]
    worker_count = 2
    templates = {
      pve1 = { vm_id = 9100, build_id = "0123456789abcdef", datastore = "ceph" }
      pve2 = { vm_id = 9100, build_id = "0123456789abcdef", datastore = "ceph", node = "pve1" }
      pve3 = { vm_id = 9100, build_id = "0123456789abcdef", datastore = "ceph", node = "pve1" }
    }
  }

  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.clone[0].vm_id == 9100 && vm.clone[0].node_name == "pve1" && vm.clone[0].datastore_id == "ceph"])
    error_message = "every VM clones the one template, from the node that holds it, onto the shared storage"
  }
  assert {
    condition     = [for name in ["k8s-cp-1", "k8s-worker-1", "k8s-worker-2"] : proxmox_virtual_environment_vm.node[name].node_name] == ["pve1", "pve2", "pve3"]
    error_message = "the VMs are spread over vm_nodes: the shared template does not pull them onto its node"
  }
  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : contains(vm.tags, "build-0123456789ab")])
    error_message = "each VM carries the shared template's build"
  }
}

# Item 23, step 1: the cluster as first applied.
run "first_apply" {
  variables {
    vm_nodes = ["pve1", "pve2"]
    templates = {
      pve1 = { vm_id = 9104, build_id = "0123456789abcdef", datastore = "local-lvm", disk_gb = 20 }
      pve2 = { vm_id = 9230, build_id = "0123456789abcdef", datastore = "local-lvm", disk_gb = 20 }
    }
  }

  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-worker-1"].node_name == "pve2" && proxmox_virtual_environment_vm.node["k8s-worker-1"].clone[0].vm_id == 9230
    error_message = "setup: k8s-worker-1 is pve2's clone of 9230"
  }
}

# Item 23, step 2: nixpve publishes a new build, on pve2 only, on another storage and disk bus.
# Nothing that would replace or move a running VM changes; the new build is for new VMs.
run "a_new_template_never_replaces_or_moves_running_vms" {
  command = plan

  variables {
    vm_nodes     = ["pve1", "pve2"]
    worker_count = 3
    templates = {
      pve2 = { vm_id = 9231, build_id = "99999999999999ff", datastore = "tank", disk_interface = "virtio0", disk_gb = 20 }
    }
  }

  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-cp-1"].node_name == "pve1" && proxmox_virtual_environment_vm.node["k8s-worker-1"].node_name == "pve2"
    error_message = "placement comes from node_name and vm_nodes only"
  }
  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-cp-1"].clone[0].vm_id == 9104 && proxmox_virtual_environment_vm.node["k8s-cp-1"].clone[0].node_name == "pve1" && proxmox_virtual_environment_vm.node["k8s-worker-1"].clone[0].vm_id == 9230
    error_message = "clone is ForceNew in the provider: a running VM must keep the clone source it was made from"
  }
  assert {
    condition     = contains(proxmox_virtual_environment_vm.node["k8s-worker-1"].tags, "build-0123456789ab") && !contains(proxmox_virtual_environment_vm.node["k8s-worker-1"].tags, "build-999999999999")
    error_message = "a running VM keeps the build tag it was made with (retention protects that template by it)"
  }
  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-worker-1"].disk[0].interface == "scsi0" && proxmox_virtual_environment_vm.node["k8s-worker-1"].disk[0].datastore_id == "local-lvm" && proxmox_virtual_environment_vm.node["k8s-worker-1"].initialization[0].datastore_id == "local-lvm"
    error_message = "a new template's disk bus or storage must not add a disk or move a drive of a running VM"
  }
  assert {
    condition     = proxmox_virtual_environment_vm.node["k8s-worker-3"].clone[0].vm_id == 9231 && contains(proxmox_virtual_environment_vm.node["k8s-worker-3"].tags, "build-999999999999")
    error_message = "a new VM clones the new template"
  }
}

# Item 24: the storages are read at create; changing them later moves nothing (and reboots nothing).
run "storage_changes_after_create_are_ignored" {
  command = plan

  variables {
    vm_nodes             = ["pve1", "pve2"]
    datastore_id         = "ceph"
    cloud_init_datastore = "ceph"
    templates = {
      pve1 = { vm_id = 9104, build_id = "0123456789abcdef", datastore = "local-lvm", disk_gb = 20 }
      pve2 = { vm_id = 9230, build_id = "0123456789abcdef", datastore = "local-lvm", disk_gb = 20 }
    }
  }

  assert {
    condition     = alltrue([for vm in proxmox_virtual_environment_vm.node : vm.initialization[0].datastore_id == "local-lvm" && vm.disk[0].datastore_id == "local-lvm"])
    error_message = "moving the cloud-init drive powers the VM off; moving the disk is a deliberate act"
  }
}

# Item 28: the rendered inventory has nixpve inventory's groups and host variables.
run "the_inventory_has_nixpves_groups_and_host_variables" {
  variables {
    vm_nodes = ["pve1", "PVE-2"]
    templates = {
      pve1    = { vm_id = 9104, build_id = "0123456789abcdef", datastore = "local-lvm" }
      "PVE-2" = { vm_id = 9230, build_id = "fedcba9876543210", datastore = "local-lvm" }
    }
  }

  assert {
    condition     = keys(yamldecode(output.ansible_inventory).all.children) == ["build_0123456789ab", "build_fedcba987654", "k8s_cluster", "nixpve_pve1", "nixpve_pve_2"]
    error_message = "groups: k8s_cluster, nixpve_<node> (never community.proxmox's proxmox_<node>), build_<id>"
  }
  assert {
    condition     = keys(yamldecode(output.ansible_inventory).all.children.k8s_cluster.children) == ["control_plane", "workers"]
    error_message = "k8s_cluster has control_plane and workers"
  }
  assert {
    condition = yamldecode(output.ansible_inventory).all.children.k8s_cluster.children.control_plane.hosts["k8s-cp-1"] == {
      ansible_host = "192.168.1.50"
      ansible_user = "nixos"
      node_role    = "control-plane"
      proxmox_node = "pve1"
      proxmox_tags = "build-0123456789ab;control-plane;nixpve"
      proxmox_vmid = 201
    }
    error_message = "host variables: ansible_host (not loopback), ansible_user, node_role, proxmox_node, proxmox_tags, proxmox_vmid"
  }
  assert {
    condition     = keys(yamldecode(output.ansible_inventory).all.children.nixpve_pve_2.hosts) == ["k8s-worker-1"] && keys(yamldecode(output.ansible_inventory).all.children.build_fedcba987654.hosts) == ["k8s-worker-1"]
    error_message = "node and build groups list their hosts"
  }
}

run "no_template_is_refused" {
  command = plan

  variables {
    templates = {}
  }

  expect_failures = [var.templates]
}

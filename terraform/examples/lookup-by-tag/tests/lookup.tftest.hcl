# The example's choice of template, against a mock of bpg/proxmox whose data source answers with
# what a real cluster can hold.

mock_provider "proxmox" {
  mock_resource "proxmox_virtual_environment_vm" {
    defaults = {
      vm_id          = 201
      ipv4_addresses = []
    }
  }

  mock_data "proxmox_virtual_environment_vms" {
    defaults = {
      vms = [
        # Two good templates of one build on pve1 (a rerun after the manifest was lost): the newer wins.
        { name = "nixos-base-aaaa1111", node_name = "pve1", vm_id = 9100, template = true, status = "stopped",
        tags = ["build-0123456789ab", "created-20261120t100000z", "nixos", "nixos-base", "nixpve"] },
        { name = "nixos-base-aaaa1111", node_name = "pve1", vm_id = 9102, template = true, status = "stopped",
        tags = ["build-0123456789ab", "created-20261121t100000z", "nixos", "nixos-base", "nixpve"] },
        { name = "nixos-base-aaaa1111", node_name = "pve2", vm_id = 9101, template = true, status = "stopped",
        tags = ["build-0123456789ab", "created-20261120t110000z", "nixos", "nixos-base", "nixpve"] },
        # Made by hand and tagged like ours, but without a build tag: never taken, never an error.
        { name = "hand-made", node_name = "pve2", vm_id = 9150, template = true, status = "stopped",
        tags = ["created-20261130t000000z", "nixos-base", "nixpve"] },
        # Newer, but failed its smoke test.
        { name = "nixos-base-bbbb2222", node_name = "pve1", vm_id = 9103, template = true, status = "stopped",
        tags = ["build-fedcba987654", "created-20261125t100000z", "failed", "nixos-base", "nixpve"] },
      ]
    }
  }
}

variables {
  node_name       = "pve1"
  ssh_public_keys = ["ssh-ed25519 AAAA test"]
}

# Item 19: no "Duplicate object key", no null build tag; the newest good build on each node.
run "the_newest_good_build_one_copy_per_node" {
  command = plan

  assert {
    condition     = output.template.vm_id == 9102
    error_message = "the newest template that did not fail and has a build tag is 9102"
  }
  assert {
    condition     = output.copies == { pve1 = 9102, pve2 = 9101 }
    error_message = "one copy per node: the newer of two of one build on pve1"
  }
}

# Item 19: the disk size, bus and storage nixpve used reach the clones.
run "disk_size_bus_and_storage_are_passed_on" {
  command = plan

  variables {
    disk_size_gb   = 40
    disk_interface = "virtio0"
    datastore_id   = "tank"
  }

  assert {
    condition     = alltrue([for vm in module.cluster.clones : vm.disk == { interface = "virtio0", size = 40, datastore = "tank" }])
    error_message = "a vm.diskSize over 20G needs disk_size_gb, a virtio template disk_interface"
  }
}

package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PrivilegeRequirement;
import dev.nixpve.proxmox.model.PveVersion;

import java.util.ArrayList;
import java.util.List;

/**
 * The least privileges the template pipeline needs, per ACL path and PVE version. Sources: the
 * permission checks in the PVE API schema (9.1 and 8.4) and the handler code they describe.
 * Guest-agent calls need VM.Monitor on 8.x; libpve-access-control 9.0.2 and qemu-server 9.0.2
 * (both July 2025, before the PVE 9.0 release) replaced it by VM.GuestAgent.*, so every 9.x
 * release uses the new names.
 */
public final class RequiredPrivileges {

    private RequiredPrivileges() {
    }

    /**
     * Where the pipeline works: target node, storages, bridge, and every VMID the run will use (the
     * installer VM and the smoke-test clone). PVE checks a new VM's privileges on {@code /vms/<its id>},
     * so each is checked: a grant on the first id alone would fail the clone mid-run.
     */
    public record Scope(String node, String isoStorage, String diskStorage, String bridge, String bridgeZone,
                        List<Integer> vmids) {
        public Scope {
            vmids = List.copyOf(vmids);
            if (vmids.isEmpty()) {
                throw new IllegalArgumentException("a run uses at least one VMID");
            }
        }

        /** A plain Linux bridge: PVE checks it in the zone {@code localnetwork}. */
        public Scope(String node, String isoStorage, String diskStorage, String bridge, List<Integer> vmids) {
            this(node, isoStorage, diskStorage, bridge, LOCAL_NETWORK, vmids);
        }
    }

    /** The SDN zone PVE puts every bridge in that is not a VNet of another zone. */
    public static final String LOCAL_NETWORK = "localnetwork";

    public static List<PrivilegeRequirement> forPipeline(PveVersion version, Scope scope) {
        List<PrivilegeRequirement> needs = new ArrayList<>();
        String iso = "/storage/" + scope.isoStorage();
        needs.add(one(iso, "Datastore.AllocateTemplate", "upload the installer ISO"));
        needs.add(one(iso, "Datastore.Audit", "list ISOs to skip an unchanged upload"));
        needs.add(one(iso, "Datastore.Allocate", "delete old ISOs (retention)"));
        needs.add(one("/storage/" + scope.diskStorage(), "Datastore.AllocateSpace", "allocate the VM disk"));

        for (int vmid : scope.vmids()) {
            needs.addAll(forVm(version, "/vms/" + vmid));
        }
        if (version.major() >= 8) {
            // Since PVE 8 a VM's NIC needs SDN.Use on its bridge, in the VNet's zone or in localnetwork
            // for a plain Linux bridge (pve-guest-common check_vnet_access; nixpve sets no VLAN tag).
            needs.add(one("/sdn/zones/" + scope.bridgeZone() + "/" + scope.bridge(), "SDN.Use",
                    "attach the VM to the bridge"));
        }
        return List.copyOf(needs);
    }

    /**
     * What the Terraform module may need beyond the pipeline, reported but never failing a check:
     * the provider clones on the template's node and migrates when a VM is placed on a node without
     * a copy, and migrates on a change of {@code vm_nodes}. qemu-server checks VM.Migrate on the
     * migrated VM, a clone whose id Terraform picks, so it is asked on {@code /vms}.
     */
    public static List<PrivilegeRequirement> forTerraformPlacement() {
        return List.of(one("/vms", "VM.Migrate", "only if Terraform places a VM on a node without a copy of the "
                + "template (clone there, then migrate) or changes vm_nodes"));
    }

    private static List<PrivilegeRequirement> forVm(PveVersion version, String vms) {
        List<PrivilegeRequirement> needs = new ArrayList<>();
        needs.add(one(vms, "VM.Allocate", "create, convert and delete VMs"));
        needs.add(one(vms, "VM.Audit", "read VM config and status"));
        needs.add(one(vms, "VM.Clone", "clone the template for the smoke test"));
        needs.add(one(vms, "VM.PowerMgmt", "start and stop VMs"));
        for (String part : List.of("Disk", "CDROM", "CPU", "Memory", "Network", "HWType", "Options", "Cloudinit")) {
            needs.add(one(vms, "VM.Config." + part, "configure the VM (" + part.toLowerCase() + ")"));
        }
        needs.addAll(guestAgent(version, vms));
        return needs;
    }

    private static List<PrivilegeRequirement> guestAgent(PveVersion version, String vms) {
        if (version.major() < 9) {
            return List.of(one(vms, "VM.Monitor", "read install progress through the guest agent"));
        }
        return List.of(
                new PrivilegeRequirement(vms, List.of("VM.GuestAgent.Audit", "VM.GuestAgent.Unrestricted"),
                        "ping the guest agent and read its network interfaces"),
                new PrivilegeRequirement(vms, List.of("VM.GuestAgent.FileRead", "VM.GuestAgent.Unrestricted"),
                        "read install progress through the guest agent"));
    }

    private static PrivilegeRequirement one(String path, String privilege, String purpose) {
        return new PrivilegeRequirement(path, List.of(privilege), purpose);
    }
}

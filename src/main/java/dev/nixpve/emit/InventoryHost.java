package dev.nixpve.emit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One VM as Ansible sees it. {@code ansibleHost} is empty when neither the guest agent nor a static
 * cloud-init address gave one; {@code role} is the VM's role tag (control-plane, worker), if any;
 * {@code tags} are its PVE tags as PVE stores them ({@code a;b}).
 */
public record InventoryHost(String name, int vmId, String node, Optional<String> ansibleHost, Optional<String> role,
                            String tags) {

    /**
     * Host variables in the order both writers print them; {@code proxmox_vmid}, {@code proxmox_node}
     * and {@code proxmox_tags} as community.proxmox's inventory plugin names them.
     */
    public Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        ansibleHost.ifPresent(address -> vars.put("ansible_host", address));
        vars.put("proxmox_vmid", vmId);
        vars.put("proxmox_node", node);
        if (!tags.isEmpty()) {
            vars.put("proxmox_tags", tags);
        }
        role.ifPresent(r -> vars.put("node_role", r));
        return vars;
    }
}

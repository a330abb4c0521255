package dev.nixpve.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A thing on the Proxmox side that a run creates or removes, named the way PVE names it, so a
 * journal line can be acted on without the run that wrote it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Resource.Vm.class, name = "vm"),
        @JsonSubTypes.Type(value = Resource.Volume.class, name = "volume")})
public sealed interface Resource {

    /** "VM 9100 on pve1", "local:iso/nixpve-3f9c.iso on pve1": how messages name it. */
    String describe();

    /** The node it lives on (a volume: the node whose storage holds it). */
    String node();

    /** A VM or template, by its cluster-wide VMID and the node it lives on. */
    record Vm(String node, int vmid) implements Resource {
        @Override
        public String describe() {
            return "VM " + vmid + " on " + node;
        }
    }

    /** A volume (an uploaded ISO) by its volume id, on the node whose storage holds it. */
    record Volume(String node, String storage, String volid) implements Resource {
        @Override
        public String describe() {
            return volid + " on " + node;
        }
    }
}

package dev.nixpve.proxmox.model;

import java.util.List;

/** One privilege the pipeline needs on an ACL path; any one of {@code anyOf} satisfies it. */
public record PrivilegeRequirement(String aclPath, List<String> anyOf, String purpose) {

    public PrivilegeRequirement {
        anyOf = List.copyOf(anyOf);
    }

    /** How to name it: "VM.Allocate" or "VM.GuestAgent.Audit (or VM.GuestAgent.Unrestricted)". */
    public String privilegeName() {
        return anyOf.size() == 1 ? anyOf.get(0)
                : anyOf.get(0) + " (or " + String.join(" or ", anyOf.subList(1, anyOf.size())) + ")";
    }

    public boolean satisfiedBy(Permissions permissions) {
        return anyOf.stream().anyMatch(permissions::has);
    }
}

package dev.nixpve.proxmox.model;

import dev.nixpve.wait.WaitSpec;

/** A wait ran out of time; says what was expected, for how long, and what was seen last. */
public final class PveTimeoutException extends ProxmoxException {

    private final WaitSpec wait;
    private final String lastSeen;

    public PveTimeoutException(WaitSpec wait, String lastSeen, ResourceRef resource) {
        super("wait for " + wait.expectation(), resource, "expected " + wait.expectation() + " within "
                + wait.timeout().toString().substring(2).toLowerCase() + " (polling every "
                + wait.pollInterval().toString().substring(2).toLowerCase() + "), last seen: " + lastSeen, null);
        this.wait = wait;
        this.lastSeen = lastSeen;
    }

    public WaitSpec waitSpec() {
        return wait;
    }

    public String lastSeen() {
        return lastSeen;
    }
}

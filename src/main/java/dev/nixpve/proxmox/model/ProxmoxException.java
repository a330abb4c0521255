package dev.nixpve.proxmox.model;

/**
 * Base of every failure the Proxmox client reports. Each carries the operation ("GET /nodes/pve1/...",
 * "wait for task qmcreate") and what it concerned; the CLI turns it into one paragraph with a hint.
 */
public abstract sealed class ProxmoxException extends RuntimeException
        permits PveApiException, PveConnectionException, PveTaskFailedException, PveTimeoutException,
        PveUnreadableAnswerException {

    private final String operation;
    private final ResourceRef resource;

    protected ProxmoxException(String operation, ResourceRef resource, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.resource = resource;
    }

    public String operation() {
        return operation;
    }

    public ResourceRef resource() {
        return resource;
    }
}

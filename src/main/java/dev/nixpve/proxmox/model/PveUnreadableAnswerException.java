package dev.nixpve.proxmox.model;

/**
 * PVE (or something in front of it: a proxy's sign-in page, a cut connection) answered 2xx with a
 * body that is not JSON. Asking again would get the same page, so this is never retried.
 */
public final class PveUnreadableAnswerException extends ProxmoxException {

    private static final int EXCERPT = 120;

    public PveUnreadableAnswerException(String operation, String body, Throwable cause) {
        super(operation, ResourceRef.none(), "PVE answered " + operation + " with something that is not JSON: "
                + excerpt(body), cause);
    }

    private static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "..." : flat;
    }
}

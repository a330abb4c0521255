package dev.nixpve.proxmox.wire;

import java.util.Map;

/** How requests prove who they are: an API token header, or a ticket cookie plus CSRF token. */
public interface Authentication {

    /** Headers for one request; {@code upload} because PVE exempts uploads from the CSRF check. */
    Map<String, String> headers(String method, boolean upload);

    /** Who is authenticating, safe to print: "API token root@pam!nixpve=***" or "user root@pam". */
    String describe();

    /** After a 401: true when fresh credentials were obtained and the call may be tried once more. */
    default boolean renewAfterRejection() {
        return false;
    }
}

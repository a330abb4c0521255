package dev.nixpve.proxmox.model;

import java.net.URI;
import java.util.Optional;

/** The API could not be reached or spoken to: network, timeout, or TLS trust. */
public final class PveConnectionException extends ProxmoxException {

    public enum Kind {
        /** Connection refused, unknown host, no route. */
        UNREACHABLE,
        /** Connected, but no answer within the request timeout. */
        TIMEOUT,
        /** The certificate is not trusted by the configured trust (system store or CA file). */
        UNTRUSTED_CERTIFICATE,
        /** The certificate does not match the pinned fingerprint. */
        FINGERPRINT_MISMATCH,
        /** The connection worked but what came over it was no HTTPS answer PVE gives (TLS failed). */
        PROTOCOL,
        /**
         * Sent, but the connection ended before a whole answer came (reset, unexpected end of file):
         * something on the way cut it off.
         */
        CUT_OFF
    }

    private final Kind kind;
    private final URI endpoint;
    private final Optional<String> presentedFingerprint;
    private final String detail;

    public PveConnectionException(Kind kind, URI endpoint, String detail, Optional<String> presentedFingerprint,
                                  String operation, Throwable cause) {
        super(operation, ResourceRef.none(), "cannot talk to Proxmox VE at " + endpoint + ": " + detail, cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.presentedFingerprint = presentedFingerprint;
        this.detail = detail;
    }

    /** What went wrong on the wire, e.g. "Connection refused". */
    public String detail() {
        return detail;
    }

    public Kind kind() {
        return kind;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** SHA-256 of the certificate the server presented, when TLS got that far (colon hex). */
    public Optional<String> presentedFingerprint() {
        return presentedFingerprint;
    }
}

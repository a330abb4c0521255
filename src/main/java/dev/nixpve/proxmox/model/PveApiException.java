package dev.nixpve.proxmox.model;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The API answered with an HTTP error. {@link Kind} tells apart the cases callers act on. */
public final class PveApiException extends ProxmoxException {

    public enum Kind {
        /** 401: bad token, bad or expired ticket, bad CSRF token. */
        AUTHENTICATION,
        /** 403: the token lacks a privilege ({@link #missingPrivilege()} names it when PVE said so). */
        PERMISSION,
        /** 400: parameter verification failed ({@link #parameterErrors()}). */
        INVALID_PARAMETER,
        /** PVE's 500 "... does not exist" (PVE never answers 404 for a missing VM or storage). */
        NOT_FOUND,
        /** 500 "... already exists": duplicate VMID on create or clone. */
        ALREADY_EXISTS,
        /** 500 "VM is locked (...)". */
        LOCKED,
        /** 500 "checksum mismatch (file change by other user?)": the config digest was stale. */
        DIGEST_MISMATCH,
        /** 501: unknown path or method, or a body on GET/DELETE. */
        NOT_IMPLEMENTED,
        /**
         * 500 for a passing cause, worth another try where that is safe: a lock or command timeout
         * ("can't lock file '...' - got timeout", "cfs-lock '...' error: got lock request timeout"),
         * pmxcfs or pvedaemon briefly unreachable.
         */
        TRANSIENT,
        /** 59x: pveproxy could not forward the call to the node. */
        PROXY,
        /** Any other error. */
        SERVER
    }

    /** A privilege PVE reported as missing: "Permission check failed (/vms/100, VM.Allocate)". */
    public record MissingPrivilege(String path, String privilege) {
        private static final Pattern TEXT = Pattern.compile("Permission check failed \\(([^,]+), ([^)]+)\\)");

        static Optional<MissingPrivilege> from(String text) {
            Matcher m = TEXT.matcher(text == null ? "" : text);
            return m.find() ? Optional.of(new MissingPrivilege(m.group(1).trim(), m.group(2).trim())) : Optional.empty();
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final String pveMessage;
    private final Map<String, String> parameterErrors;
    private final String identity;

    /** {@code identity} names the caller safely ("API token root@pam!ci=***"), for "who was refused". */
    public PveApiException(Kind kind, int httpStatus, String pveMessage, Map<String, String> parameterErrors,
                           String operation, ResourceRef resource, String identity) {
        super(operation, resource, format(httpStatus, pveMessage, parameterErrors, operation, resource), null);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.pveMessage = pveMessage;
        this.parameterErrors = Map.copyOf(parameterErrors);
        this.identity = identity;
    }

    public String identity() {
        return identity;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** PVE's own error text: the body's "message" on new servers, else the HTTP reason phrase. */
    public String pveMessage() {
        return pveMessage;
    }

    public Map<String, String> parameterErrors() {
        return parameterErrors;
    }

    public Optional<MissingPrivilege> missingPrivilege() {
        return kind == Kind.PERMISSION ? MissingPrivilege.from(pveMessage) : Optional.empty();
    }

    private static String format(int status, String message, Map<String, String> errors, String operation,
                                 ResourceRef resource) {
        StringBuilder text = new StringBuilder(operation).append(" failed");
        String about = resource.describe();
        if (!about.isEmpty()) {
            text.append(" (").append(about).append(')');
        }
        text.append(": HTTP ").append(status);
        if (message != null && !message.isBlank()) {
            text.append(' ').append(message.strip());
        }
        if (!errors.isEmpty()) {
            text.append(" - ").append(errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + ": " + e.getValue().strip()).collect(Collectors.joining("; ")));
        }
        return text.toString();
    }
}

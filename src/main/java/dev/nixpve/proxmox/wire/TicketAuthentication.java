package dev.nixpve.proxmox.wire;

import dev.nixpve.config.Secret;
import dev.nixpve.proxmox.model.PveApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Ticket auth: {@code POST /access/ticket} gives a ticket (valid 2 h) and a CSRF token. The ticket
 * goes in the {@code PVEAuthCookie} cookie; every write except an upload also needs the
 * {@code CSRFPreventionToken} header. Renewed well before expiry by posting the ticket as password.
 */
public final class TicketAuthentication implements Authentication {

    /** PVE tickets live 2 h; renewing at 1 h 45 m leaves room for a slow call. */
    static final Duration RENEW_AFTER = Duration.ofMinutes(105);

    /** Issues a ticket for a user and a password (or a still-valid ticket, to renew it). */
    @FunctionalInterface
    public interface TicketIssuer {
        Ticket issue(String username, Secret password);
    }

    public record Ticket(Secret ticket, Secret csrfToken) {
    }

    private final String username;
    private final Secret password;
    private final TicketIssuer issuer;
    private final Clock clock;
    private Ticket current;
    private Instant issuedAt;

    public TicketAuthentication(String username, Secret password, TicketIssuer issuer, Clock clock) {
        this.username = username;
        this.password = password;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public synchronized Map<String, String> headers(String method, boolean upload) {
        Ticket ticket = valid();
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", "PVEAuthCookie=" + URLEncoder.encode(ticket.ticket().reveal(), StandardCharsets.UTF_8));
        if (!method.equals("GET") && !upload) {
            headers.put("CSRFPreventionToken", ticket.csrfToken().reveal());
        }
        return headers;
    }

    @Override
    public synchronized boolean renewAfterRejection() {
        current = issuer.issue(username, password);
        issuedAt = clock.instant();
        return true;
    }

    /** A ticket that already expired (a laptop that slept) cannot renew itself: log in again. */
    private Ticket renew(Ticket old) {
        try {
            return issuer.issue(username, old.ticket());
        } catch (PveApiException e) {
            if (e.kind() != PveApiException.Kind.AUTHENTICATION) {
                throw e;
            }
            return issuer.issue(username, password);
        }
    }

    @Override
    public String describe() {
        return "user " + username;
    }

    private Ticket valid() {
        if (current == null) {
            current = issuer.issue(username, password);
            issuedAt = clock.instant();
        } else if (Duration.between(issuedAt, clock.instant()).compareTo(RENEW_AFTER) >= 0) {
            current = renew(current);
            issuedAt = clock.instant();
        }
        return current;
    }
}

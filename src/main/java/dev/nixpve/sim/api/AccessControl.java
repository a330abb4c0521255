package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.http.SimRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Users, API tokens and tickets, checked as pveproxy checks them: token header or ticket cookie,
 * CSRF token on ticket writes (except uploads), tickets valid for two hours and renewable by
 * posting the ticket as the password. Failures are 401s whose reason says why.
 */
public final class AccessControl {

    public static final Duration TICKET_LIFETIME = Duration.ofHours(2);

    private record User(String password, Grants grants) {
    }

    private record Token(String secret, Grants grants) {
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final byte[] signingKey = new byte[32];

    public AccessControl() {
        new SecureRandom().nextBytes(signingKey);
    }

    public void addUser(String userid, String password, Grants grants) {
        users.put(userid, new User(password, grants));
    }

    /** @param tokenId {@code user@realm!tokenid}; the token's privileges are {@code grants} (privsep=1). */
    public void addToken(String tokenId, String secret, Grants grants) {
        tokens.put(tokenId, new Token(secret, grants));
    }

    /** Every user id, sorted (root@pam and those added), for the user listing. */
    public java.util.SortedSet<String> userids() {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>(users.keySet());
        tokens.keySet().forEach(token -> ids.add(token.substring(0, token.indexOf('!'))));
        return ids;
    }

    /** The token names ({@code nixpve} of {@code root@pam!nixpve}) of one user, sorted. */
    public java.util.SortedSet<String> tokenNames(String userid) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        tokens.keySet().stream().filter(token -> token.startsWith(userid + "!"))
                .forEach(token -> names.add(token.substring(userid.length() + 1)));
        return names;
    }

    /** privsep 0: the token was given its user's own privileges rather than an ACL of its own. */
    public boolean sharesUserPrivileges(String tokenId) {
        Token token = tokens.get(tokenId);
        User user = users.get(tokenId.substring(0, tokenId.indexOf('!')));
        return token != null && user != null && token.grants() == user.grants();
    }

    /** Authenticates a request; {@code expiredAfter} is the token-expire fault's deadline, if any. */
    public Principal authenticate(SimRequest request, Instant now, Optional<Instant> expiredAfter) {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent() && authorization.get().startsWith("PVEAPIToken")) {
            return token(authorization.get().substring("PVEAPIToken".length()), now, expiredAfter);
        }
        Optional<String> ticket = authorization.filter(a -> a.startsWith("PVEAuthCookie="))
                .map(a -> a.substring("PVEAuthCookie=".length()))
                .or(() -> request.header("Cookie").flatMap(AccessControl::ticketCookie));
        if (ticket.isEmpty()) {
            throw PveError.unauthorized("No ticket");
        }
        return verifyTicket(ticket.get(), now, expiredAfter)
                .orElseThrow(() -> PveError.unauthorized("invalid ticket"));
    }

    /** Writes with a ticket need the CSRF token; uploads are exempt (a browser form cannot set it). */
    public void checkCsrf(SimRequest request, Principal principal, Instant now, boolean upload) {
        if (!principal.viaTicket() || request.method().equals("GET") || upload) {
            return;
        }
        String token = request.header("CSRFPreventionToken").orElse("");
        int colon = token.indexOf(':');
        boolean valid = colon == 8 && isFresh(token.substring(0, colon), now, Optional.empty())
                && MessageDigest.isEqual(token.substring(colon + 1).getBytes(StandardCharsets.US_ASCII),
                sign("CSRF:" + principal.userid() + ":" + token.substring(0, colon)).getBytes(StandardCharsets.US_ASCII));
        if (!valid) {
            throw PveError.unauthorized("Permission denied - invalid csrf token");
        }
    }

    /** {@code POST /access/ticket}: a ticket for the right password, or for a still-valid ticket. */
    public Map<String, Object> issueTicket(String username, String password, Optional<String> realm, Instant now,
                                           Optional<Instant> expiredAfter) {
        String userid = username.contains("@") ? username : username + "@" + realm.orElse("pam");
        User user = users.get(userid);
        boolean renewal = password.startsWith("PVE:") && verifyTicket(password, now, expiredAfter)
                .filter(p -> p.userid().equals(userid)).isPresent();
        if (user == null || !renewal && !MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8))) {
            throw PveError.unauthorized("authentication failure");
        }
        String time = hexTime(now);
        String ticket = "PVE:" + userid + ":" + time + "::" + sign("TICKET:" + userid + ":" + time);
        String csrf = time + ":" + sign("CSRF:" + userid + ":" + time);
        return Map.of("username", userid, "ticket", ticket, "CSRFPreventionToken", csrf,
                "cap", Map.of("vms", Map.of(), "storage", Map.of()));
    }

    private Principal token(String credentials, Instant now, Optional<Instant> expiredAfter) {
        String text = credentials.startsWith("=") || credentials.startsWith(" ") ? credentials.substring(1) : "";
        int bang = text.indexOf('!');
        int separator = bang < 0 ? -1 : indexOfSeparator(text, bang);
        if (separator < 0) {
            throw PveError.unauthorized("invalid token value!");
        }
        String tokenId = text.substring(0, separator);
        Token token = tokens.get(tokenId);
        if (token == null || !MessageDigest.isEqual(token.secret().getBytes(StandardCharsets.UTF_8),
                text.substring(separator + 1).getBytes(StandardCharsets.UTF_8))) {
            throw PveError.unauthorized("invalid token value!");
        }
        if (expiredAfter.filter(now::isAfter).isPresent()) {
            throw PveError.unauthorized("token expired");
        }
        return new Principal(tokenId.substring(0, bang), Optional.of(tokenId.substring(bang + 1)), token.grants(),
                false);
    }

    private static int indexOfSeparator(String text, int bang) {
        int eq = text.indexOf('=', bang);
        int space = text.indexOf(' ', bang);
        return eq < 0 ? space : space < 0 ? eq : Math.min(eq, space);
    }

    private Optional<Principal> verifyTicket(String ticket, Instant now, Optional<Instant> expiredAfter) {
        String[] parts = ticket.split(":", 5);
        if (parts.length != 5 || !parts[0].equals("PVE") || !parts[3].isEmpty()) {
            return Optional.empty();
        }
        String userid = parts[1];
        String time = parts[2];
        boolean signed = MessageDigest.isEqual(parts[4].getBytes(StandardCharsets.US_ASCII),
                sign("TICKET:" + userid + ":" + time).getBytes(StandardCharsets.US_ASCII));
        User user = users.get(userid);
        if (!signed || user == null || !isFresh(time, now, expiredAfter)) {
            return Optional.empty();
        }
        return Optional.of(new Principal(userid, Optional.empty(), user.grants(), true));
    }

    /** Within the ticket lifetime, or within the token-expire fault's shorter life, if set. */
    private static boolean isFresh(String hexTime, Instant now, Optional<Instant> expiredAfter) {
        try {
            Instant issued = Instant.ofEpochSecond(Long.parseLong(hexTime, 16));
            boolean withinLifetime = !now.isBefore(issued.minusSeconds(300)) && now.isBefore(issued.plus(TICKET_LIFETIME));
            return withinLifetime && expiredAfter.filter(now::isAfter).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> ticketCookie(String cookies) {
        for (String cookie : cookies.split(";")) {
            String trimmed = cookie.strip();
            if (trimmed.startsWith("PVEAuthCookie=")) {
                return Optional.of(URLDecoder.decode(trimmed.substring("PVEAuthCookie=".length()),
                        StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String hexTime(Instant now) {
        return String.format(Locale.ROOT, "%08X", now.getEpochSecond());
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.nixpve.config;

/**
 * A PVE API token, {@code user@realm!tokenid=secret}. Only {@link #headerValue()} reveals the
 * secret; {@link #toString()} shows {@code user@realm!tokenid=***}.
 */
public record ApiToken(String user, String realm, String tokenId, Secret secret) {

    public static final String FORMAT = "user@realm!tokenid=secret, e.g. nixpve@pve!build=<uuid>";

    /** @throws IllegalArgumentException naming the missing part; the message never contains the secret */
    public static ApiToken parse(String text) {
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("the token contains a line break, space or control character, "
                    + "which no PVE token has (was it pasted with a newline?)");
        }
        int eq = text.indexOf('=');
        String id = eq < 0 ? text : text.substring(0, eq);
        int at = id.indexOf('@');
        int bang = id.indexOf('!');
        if (at <= 0) {
            throw new IllegalArgumentException("the token has no user@realm part");
        }
        if (bang < 0 || bang < at) {
            throw new IllegalArgumentException("the token has no '!tokenid' after user@realm");
        }
        if (at + 1 == bang) {
            throw new IllegalArgumentException("the token's realm is empty");
        }
        String tokenId = id.substring(bang + 1);
        if (!tokenId.matches("[A-Za-z][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("the token id after '!' must start with a letter and hold only "
                    + "letters, digits, '.', '_' and '-'");
        }
        if (eq < 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("the token has no '=secret' part");
        }
        return new ApiToken(id.substring(0, at), id.substring(at + 1, bang), tokenId,
                new Secret(text.substring(eq + 1)));
    }

    /** {@code user@realm!tokenid}, which is safe to show. */
    public String id() {
        return user + "@" + realm + "!" + tokenId;
    }

    public String headerValue() {
        return "PVEAPIToken=" + id() + "=" + secret.reveal();
    }

    @Override
    public String toString() {
        return id() + "=***";
    }
}

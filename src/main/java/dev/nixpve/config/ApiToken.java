package dev.nixpve.config;

public record ApiToken(String user, String realm, String tokenId, Secret secret) {
    public static ApiToken parse(String text) {
        int at = text.indexOf('@'), bang = text.indexOf('!'), eq = text.indexOf('=');
        return new ApiToken(text.substring(0, at), text.substring(at + 1, bang), text.substring(bang + 1, eq),
                new Secret(text.substring(eq + 1)));
    }
    public String id() { return user + "@" + realm + "!" + tokenId; }
    public String headerValue() { return "PVEAPIToken=" + id() + "=" + secret.reveal(); }
    @Override public String toString() { return id() + "=***"; }
}

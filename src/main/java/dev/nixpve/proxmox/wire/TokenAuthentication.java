package dev.nixpve.proxmox.wire;

import dev.nixpve.config.ApiToken;
import java.util.Map;

/** {@code Authorization: PVEAPIToken=user@realm!tokenid=secret}; no CSRF token, no ticket. */
public final class TokenAuthentication implements Authentication {

    private final ApiToken token;

    public TokenAuthentication(ApiToken token) {
        this.token = token;
    }

    @Override
    public Map<String, String> headers(String method, boolean upload) {
        return Map.of("Authorization", token.headerValue());
    }

    @Override
    public String describe() {
        return "API token " + token;
    }
}

package dev.nixpve.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Validates the {@code proxmox:} keys into {@link ProxmoxSettings}. */
final class ProxmoxSection {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** One HTTP request; the transport counts it in int milliseconds, and long PVE work runs as tasks anyway. */
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private ProxmoxSection() {
    }

    /**
     * Whether the file has a PEM certificate in its first 1 MiB: anything else failed only when the TLS
     * trust was set up, as "nixpve failed unexpectedly" (exit 1), after the command had begun.
     */
    private static boolean holdsCertificate(Path path) {
        try (java.io.InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.ISO_8859_1);
            return head.contains("-----BEGIN CERTIFICATE-----");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static ProxmoxSettings parse(Map<String, RawValue> values) throws ConfigException {
        Optional<URI> endpoint = optional(values, "proxmox.endpoint") == null ? Optional.empty()
                : Optional.of(endpoint(values.get("proxmox.endpoint")));
        Optional<ApiToken> token = Optional.empty();
        RawValue tokenValue = values.get("proxmox.apiToken");
        if (tokenValue != null) {
            try {
                token = Optional.of(ApiToken.parse(tokenValue.text().strip()));
            } catch (IllegalArgumentException e) {
                throw tokenValue.error("malformed API token (" + e.getMessage() + ")", "write it as "
                        + ApiToken.FORMAT + "; 'pveum user token list USER' on the node lists the token ids");
            }
        }
        Optional<String> username = Optional.empty();
        RawValue user = values.get("proxmox.username");
        if (user != null) {
            if (!user.text().strip().matches("[^\\s\\p{Cntrl}@:]+@[A-Za-z][A-Za-z0-9._-]*")) {
                throw user.error("'" + user.text().strip() + "' is not a PVE user id",
                        "write the user with its realm, e.g. root@pam or nixpve@pve");
            }
            username = Optional.of(user.text().strip());
        }
        Optional<Secret> password = Optional.ofNullable(values.get("proxmox.password"))
                .filter(v -> !v.text().isEmpty()).map(v -> new Secret(v.text()));
        Optional<Fingerprint> fingerprint = Optional.empty();
        RawValue pin = values.get("proxmox.fingerprint");
        if (pin != null) {
            try {
                fingerprint = Optional.of(Fingerprint.parse(pin.text()));
            } catch (IllegalArgumentException e) {
                throw pin.error(e.getMessage(), Fingerprint.HINT);
            }
        }
        Optional<Path> caFile = Optional.empty();
        RawValue ca = values.get("proxmox.caFile");
        if (ca != null) {
            Path path = ca.baseDirectory().resolve(ca.text().strip()).normalize();
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw ca.error("'" + path + "' is not a readable file", "copy /etc/pve/pve-root-ca.pem from a "
                        + "node; relative paths resolve against the configuration file's directory");
            }
            if (!holdsCertificate(path)) {
                throw ca.error("'" + path + "' holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                        "copy /etc/pve/pve-root-ca.pem from a node; relative paths resolve against the configuration "
                                + "file's directory");
            }
            caFile = Optional.of(path);
        }
        RawValue insecureValue = values.get("proxmox.insecure");
        boolean insecure = insecureValue != null && SectionValues.bool(insecureValue);
        Duration timeout = new SectionValues(values).duration("proxmox.requestTimeout", DEFAULT_TIMEOUT,
                Duration.ofSeconds(1), MAX_TIMEOUT);
        return new ProxmoxSettings(endpoint, token, username, password, fingerprint, caFile, insecure, timeout);
    }

    /** {@code https://host[:port][/]}, also accepting the {@code /api2/json} suffix; normalised to end in '/'. */
    private static URI endpoint(RawValue value) throws ConfigException {
        String text = value.text().strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw value.error("'" + text + "' is not a URL", "write it as https://HOST:8006/");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            throw value.error("the Proxmox VE API only speaks HTTPS", "write https://" + uri.getHost()
                    + ":8006/ and pin the certificate with PROXMOX_VE_FINGERPRINT");
        }
        if (!scheme.equals("https") || uri.getHost() == null) {
            throw value.error("'" + text + "' is not an https:// URL with a host", "write it as https://HOST:8006/");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/") && !path.matches("/api2/json/?")) {
            throw value.error("the endpoint has a path (" + path + ")", "give only the server, "
                    + "https://HOST:8006/; nixpve adds /api2/json itself");
        }
        if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw value.error("the endpoint carries a query, fragment or user info", "write it as https://HOST:8006/");
        }
        int port = uri.getPort();
        return URI.create("https://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost()) + (port < 0 ? "" : ":" + port) + "/");
    }

    private static RawValue optional(Map<String, RawValue> values, String key) {
        RawValue value = values.get(key);
        return value == null || value.text().isBlank() && value.node() instanceof YamlNode.Scalar ? null : value;
    }
}

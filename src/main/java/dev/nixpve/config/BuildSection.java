package dev.nixpve.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates the {@code build:} keys into {@link BuildSettings}. */
final class BuildSection {

    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);
    static final String DEFAULT_DOCKER_IMAGE = "docker.io/nixos/nix:2.28.4";
    static final String DEFAULT_REMOTE_DIR = "nixpve-build";
    private static final String BUILDER_HINT = "use local, docker or ssh://[user@]host[:port]";

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]*");
    private static final Pattern REMOTE_DIR = Pattern.compile("[A-Za-z0-9._/~-]+");

    private BuildSection() {
    }

    static BuildSettings parse(Map<String, RawValue> raw) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        return new BuildSettings(
                builder(values.raw("build.builder")),
                values.duration("build.timeout", DEFAULT_TIMEOUT),
                values.path("build.sshIdentity"),
                values.path("build.knownHosts"),
                values.optionalText("build.hostKeyFingerprint", FINGERPRINT,
                        "write the host key's SHA-256 fingerprint as 'ssh-keyscan HOST | ssh-keygen -lf -' prints "
                                + "it, e.g. SHA256:abc...="),
                values.text("build.remoteDir", DEFAULT_REMOTE_DIR, REMOTE_DIR,
                        "give a directory on the build host, relative to the login's home or absolute"),
                values.text("build.dockerImage", DEFAULT_DOCKER_IMAGE, IMAGE,
                        "give an image reference such as " + DEFAULT_DOCKER_IMAGE));
    }

    static BuilderTarget builder(Optional<RawValue> raw) throws ConfigException {
        if (raw.isEmpty()) {
            return new BuilderTarget.Local();
        }
        RawValue value = raw.get();
        String text = value.text().strip();
        if (text.equals("local")) {
            return new BuilderTarget.Local();
        }
        if (text.equals("docker")) {
            return new BuilderTarget.Docker();
        }
        if (!text.startsWith("ssh://")) {
            throw value.error("'" + text + "' is not a builder", BUILDER_HINT);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw value.error("'" + text + "' is not an ssh:// URL", BUILDER_HINT);
        }
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getQuery() != null) {
            throw value.error("'" + text + "' needs a host and nothing after it", BUILDER_HINT
                    + "; the remote directory is build.remoteDir");
        }
        String user = uri.getUserInfo();
        if (user != null && (user.contains(":") || !user.matches("[A-Za-z0-9._-]+"))) {
            throw value.error("the builder URL carries a password or an odd user name",
                    "give only the user, ssh://user@host; authentication uses the key in build.sshIdentity "
                            + "(or ~/.ssh/id_ed25519, id_ecdsa, id_rsa)");
        }
        return new BuilderTarget.Ssh(Optional.ofNullable(user), uri.getHost(),
                uri.getPort() < 0 ? BuilderTarget.Ssh.DEFAULT_PORT : uri.getPort());
    }
}

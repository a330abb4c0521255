package dev.nixpve.config;

import dev.nixpve.config.ImageSettings.Firmware;
import dev.nixpve.config.ImageSettings.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates the {@code image:} keys into {@link ImageSettings}. */
final class ImageSection {

    static final String DEFAULT_NAME = "nixos-base";
    /** The stable release the flake pins unless configured; see nix-templates/flake.nix. */
    static final String DEFAULT_NIXPKGS = "nixos-25.11";
    static final ByteSize DEFAULT_SWAP = ByteSize.parse("4G");
    /** Swap lives on the template's disk, which is at most vm.diskSize's upper bound. */
    static final ByteSize MAX_SWAP = VmSection.MAX_DISK;

    /** A lower-case DNS label: valid as a PVE VM name and as a PVE tag. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?");
    private static final Pattern BRANCH = Pattern.compile("nixos-(\\d\\d\\.\\d\\d)");
    private static final Pattern STATE_VERSION = Pattern.compile("\\d\\d\\.\\d\\d");
    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TIMEZONE = Pattern.compile("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+){0,2}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(_[A-Z]{2})?(\\.[A-Za-z0-9-]+)?(@[a-z]+)?");
    private static final Pattern KEYMAP = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    /** A nixpkgs attribute path such as htop or python3Packages.requests. */
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*(\\.[A-Za-z_][A-Za-z0-9_'-]*)*");
    /** useradd's rule for portable names; root is reserved. */
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /**
     * Names NixOS or nixpve already use on the installed system (nixpkgs' nixos/modules/misc/ids.nix,
     * the nix daemon's nixbld build users, rpcbind's rpc for NFS, systemd's own users; bin and daemon
     * by Linux convention) and the smoke test's cloud-init user; taking one over breaks that service.
     */
    static final List<String> RESERVED_USERS = List.of("root", "nobody", "sshd", "nscd", "messagebus", "polkituser",
            "rpc", "bin", "daemon", "nixpve-smoke");
    static final List<String> RESERVED_USER_PREFIXES = List.of("nixbld", "systemd-");
    private static final String USER_HINT = "use lower-case letters, digits, '_' and '-', starting with a letter; "
            + "not root, a system user of NixOS (sshd, nobody, messagebus, nixbld*, systemd-*, rpc) or nixpve's "
            + "smoke-test user nixpve-smoke";
    private static final String KEY_HINT = "give public keys as one line each, as in ~/.ssh/id_ed25519.pub (type, "
            + "base64, optional comment); known types: " + String.join(", ", SshPublicKey.TYPES);

    private ImageSection() {
    }

    static ImageSettings parse(Map<String, RawValue> raw) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        String nixpkgs = values.text("image.nixpkgs", DEFAULT_NIXPKGS, BRANCH,
                "name a stable NixOS release branch such as " + DEFAULT_NIXPKGS
                        + " (unstable is not supported for templates)");
        Matcher release = BRANCH.matcher(nixpkgs);
        release.matches();
        Profile profile = values.choice("image.profile", Profile.BASE, Profile.class, Profile::configName);
        return new ImageSettings(
                values.text("image.name", DEFAULT_NAME, NAME, "use lower-case letters, digits and '-', "
                        + "at most 50 characters: it becomes the template's VM name and a tag"),
                nixpkgs,
                values.text("image.stateVersion", release.group(1), STATE_VERSION,
                        "write the NixOS release the system was first installed with, e.g. " + release.group(1)),
                values.text("image.hostname", "nixos", HOSTNAME, "use a host name label: lower-case letters, "
                        + "digits and '-' (cloud-init renames clones from their VM name)"),
                values.text("image.timezone", "UTC", TIMEZONE, "use a tz database name such as UTC or "
                        + "Europe/Berlin"),
                values.text("image.locale", "en_US.UTF-8", LOCALE, "use a glibc locale such as en_US.UTF-8"),
                values.text("image.keymap", "us", KEYMAP, "use a console keymap such as us or de-latin1"),
                profile,
                values.list("image.packages", PACKAGE, "list nixpkgs attribute names such as htop or "
                        + "python3Packages.requests, as search.nixos.org shows them"),
                swap(values, profile),
                values.choice("image.firmware", Firmware.BIOS, Firmware.class, Firmware::configName),
                users(values.raw("image.users")));
    }

    /**
     * 4G, or none for a Kubernetes node: kubelet refuses to start with swap on (failSwapOn) and
     * kubeadm's preflight refuses it, so swap with that profile is an error, not a quiet default.
     */
    private static ByteSize swap(SectionValues values, Profile profile) throws ConfigException {
        if (profile != Profile.KUBERNETES_NODE) {
            return values.size("image.swap", DEFAULT_SWAP, new ByteSize(0), MAX_SWAP,
                    "use 0 for no swap, at most " + MAX_SWAP);
        }
        ByteSize swap = values.size("image.swap", new ByteSize(0), new ByteSize(0), MAX_SWAP, "use 0 for no swap");
        if (swap.bytes() > 0) {
            throw values.raw("image.swap").orElseThrow().error("profile kubernetes-node takes no swap: kubelet "
                    + "(failSwapOn) and kubeadm's preflight refuse a node with swap on",
                    "remove image.swap (kubernetes-node images default to none) or set it to 0");
        }
        return swap;
    }

    private static List<AdminUser> users(Optional<RawValue> raw) throws ConfigException {
        if (raw.isEmpty()) {
            return List.of();
        }
        RawValue value = raw.get();
        String hint = "write a list of users, each with name: and sshKeys:, as in examples/nixpve.yaml";
        if (!(value.node() instanceof YamlNode.Sequence sequence)) {
            throw value.error("expected a list of users, found " + value.node().kind(), hint);
        }
        List<AdminUser> users = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            if (!(item instanceof YamlNode.Mapping mapping)) {
                throw at(value, item, "a user is " + item.kind() + ", not a map", hint);
            }
            for (String key : mapping.entries().keySet()) {
                if (!key.equals("name") && !key.equals("sshKeys")) {
                    throw at(value, item, "unknown key '" + key + "' in a user", Suggestions.closest(key,
                            List.of("name", "sshKeys")).map(s -> "did you mean '" + s + "'?").orElse(hint));
                }
            }
            YamlNode.Entry name = mapping.entries().get("name");
            if (name == null || !(name.value() instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                throw at(value, item, "a user has no name", hint);
            }
            String userName = scalar.text().strip();
            if (!USER.matcher(userName).matches()) {
                throw at(value, name.value(), "'" + userName + "' is not a usable login name", USER_HINT);
            }
            if (RESERVED_USERS.contains(userName) || RESERVED_USER_PREFIXES.stream().anyMatch(userName::startsWith)) {
                throw at(value, name.value(), "'" + userName + "' is a system user's name on the installed system",
                        USER_HINT);
            }
            if (users.stream().anyMatch(u -> u.name().equals(userName))) {
                throw at(value, name.value(), "user '" + userName + "' is listed twice", "list each user once");
            }
            YamlNode.Entry keys = mapping.entries().get("sshKeys");
            List<String> sshKeys = keys == null ? List.of() : sshKeys(value, keys.value());
            if (sshKeys.isEmpty()) {
                throw at(value, item, "user '" + userName + "' has no SSH keys and could never log in "
                        + "(passwords are disabled)", "add sshKeys: with at least one public key");
            }
            users.add(new AdminUser(userName, sshKeys));
        }
        return users;
    }

    /** Each key parsed; an error names the key's line and never repeats it (it may be a private key). */
    private static List<String> sshKeys(RawValue value, YamlNode node) throws ConfigException {
        List<YamlNode> items = node instanceof YamlNode.Sequence sequence ? sequence.items() : List.of(node);
        List<String> keys = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                throw at(value, item, "an SSH key is " + item.kind() + ", not a line of text", KEY_HINT);
            }
            for (String line : scalar.text().split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    keys.add(SshPublicKey.check(line));
                } catch (IllegalArgumentException e) {
                    throw at(value, item, "SSH key " + (keys.size() + 1) + " is not a usable public key: "
                            + e.getMessage(), KEY_HINT);
                }
            }
        }
        return keys;
    }

    private static ConfigException at(RawValue value, YamlNode node, String problem, String hint) {
        return ConfigException.at(value.origin().atLine(node.line()), value.key(), problem, hint);
    }
}

package dev.nixpve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String SECRET = "c0ffee00-dead-beef-0000-5ecre75ecre7";
    static final String TOKEN = "nixpve@pve!build=" + SECRET;
    static final String FINGERPRINT = "AB:".repeat(31) + "AB";

    @TempDir
    Path dir;

    Map<String, String> env = new HashMap<>();

    @Test
    void noFileAndNoEnvironmentGiveTheDefaults() throws Exception {
        NixpveConfig config = load();
        assertEquals(Optional.empty(), config.source());
        assertEquals(new TargetSettings("pve1", "local", "local-lvm", "vmbr0", new VmidRange(9100, 9199)),
                config.target());
        assertFalse(config.proxmox().insecure());
        assertEquals(Duration.ofSeconds(60), config.proxmox().requestTimeout());
        ConfigException missing = assertThrows(ConfigException.class, () -> config.proxmox().requireConnection());
        assertEquals(ConfigException.Reason.NO_ENDPOINT, missing.reason(), Messages.shown(missing));
    }

    @Test
    void theShippedExampleWorksWithOnlyTheEnvironmentSet() throws Exception {
        Files.copy(Path.of("examples/nixpve.yaml"), dir.resolve("nixpve.yaml"));
        env.putAll(Map.of("PROXMOX_VE_ENDPOINT", "https://127.0.0.1:8006", "PROXMOX_VE_API_TOKEN", TOKEN,
                "PROXMOX_VE_FINGERPRINT", FINGERPRINT.toLowerCase()));
        NixpveConfig config = load();
        assertEquals(Optional.of(dir.resolve("nixpve.yaml")), config.source());
        assertEquals(URI.create("https://127.0.0.1:8006/"), config.proxmox().endpoint().orElseThrow());
        assertEquals("nixpve@pve!build", config.proxmox().apiToken().orElseThrow().id());
        assertEquals(FINGERPRINT, config.proxmox().fingerprint().orElseThrow().toString());
        assertEquals(new TargetSettings("pve1", "local", "local-lvm", "vmbr0", new VmidRange(9100, 9199)),
                config.target());
        config.proxmox().requireConnection();
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFile() throws Exception {
        write("proxmox:\n  endpoint: https://from-file:8006/\ntarget:\n  node: filenode\n  bridge: vmbr1\n");
        env.put("PROXMOX_VE_ENDPOINT", "https://from-env:8006/");
        NixpveConfig config = load(new ConfigOverride("target.node", "flagnode", "--node"));
        assertEquals("https://from-env:8006/", config.proxmox().endpoint().orElseThrow().toString());
        assertEquals("flagnode", config.target().node());
        assertEquals("vmbr1", config.target().bridge());
        NixpveConfig flagged = load(new ConfigOverride("proxmox.endpoint", "https://from-flag:8006/api2/json",
                "--endpoint"));
        assertEquals("https://from-flag:8006/", flagged.proxmox().endpoint().orElseThrow().toString());
    }

    @Test
    void interpolationReadsTheEnvironmentWithDefaultsAndEscapes() throws Exception {
        write("proxmox:\n  apiToken: nixpve@pve!build=${NIXPVE_SECRET}\n  requestTimeout: ${TIMEOUT:-90s}\n"
                + "target:\n  node: ${NODE:-pve3}\n");
        env.put("NIXPVE_SECRET", SECRET);
        NixpveConfig config = load();
        assertEquals(TOKEN.substring(TOKEN.indexOf('=') + 1),
                config.proxmox().apiToken().orElseThrow().secret().reveal());
        assertEquals(Duration.ofSeconds(90), config.proxmox().requestTimeout());
        assertEquals("pve3", config.target().node());
        assertEquals("a${b}", Interpolation.apply("a$${b}", Map.of(), Origin.defaults(), "k"));
    }

    @Test
    void aMissingVariableIsNamedWithFileAndLine() throws Exception {
        write("proxmox:\n  insecure: false\n  apiToken: ${NOT_SET_ANYWHERE}\n");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertEquals(dir.resolve("nixpve.yaml") + ":3: proxmox.apiToken: the environment variable NOT_SET_ANYWHERE "
                + "is not set. Hint: export NOT_SET_ANYWHERE before running nixpve, or give a default: "
                + "${NOT_SET_ANYWHERE:-value}", Messages.shown(e));
    }

    @Test
    void unknownKeysSuggestTheNearestKnownOne() throws Exception {
        write("proxmox:\n  endpoint: https://pve:8006/\n  api_token: x\n");
        assertMessage("nixpve.yaml:3: proxmox.api_token: unknown key. Hint: did you mean 'apiToken'?");
        write("target:\n  nod: pve1\n");
        assertMessage("nixpve.yaml:2: target.nod: unknown key. Hint: did you mean 'node'?");
        write("target:\n  colour: blue\n");
        assertMessage("Hint: known keys here: node, nodes, isoStorage, diskStorage, bridge, vmids, perNode, "
                + "parallelism");
        write("proxmux:\n  endpoint: x\n");
        assertMessage("nixpve.yaml:1: proxmux: unknown section. Hint: did you mean 'proxmox'?");
    }

    @Test
    void duplicateKeysWrongTypesAndBrokenYamlNameTheLine() throws Exception {
        write("target:\n  node: a\n  node: b\n");
        assertMessage("nixpve.yaml:3: node: the key appears twice (first on line 2)");
        write("target:\n  node:\n    - a\n    - b\n");
        assertMessage("nixpve.yaml:2: target.node: expected a single value, found a list");
        write("target: pve1\n");
        assertMessage("nixpve.yaml:1: target: expected a map of settings, found a value");
        write("target:\n  node: [unclosed\n");
        assertMessage("not valid YAML");
        write("");
        assertEquals("pve1", load().target().node(), "an empty file means defaults");
    }

    @Test
    void valuesAreValidatedWithHints() throws Exception {
        rejects("proxmox:\n  endpoint: http://pve:8006/\n", "proxmox.endpoint: the Proxmox VE API only speaks HTTPS");
        rejects("proxmox:\n  endpoint: https://pve:8006/ui/\n", "the endpoint has a path (/ui/)");
        rejects("proxmox:\n  fingerprint: AB:CD\n", "proxmox.fingerprint: 'AB:CD' is not a SHA-256 fingerprint");
        rejects("proxmox:\n  insecure: maybe\n", "proxmox.insecure: 'maybe' is not true or false");
        rejects("proxmox:\n  requestTimeout: 30\n", "proxmox.requestTimeout: '30' has no unit. Hint: write a number");
        rejects("proxmox:\n  caFile: missing.pem\n", "proxmox.caFile: '" + dir.resolve("missing.pem")
                + "' is not a readable file");
        rejects("proxmox:\n  username: root\n", "proxmox.username: 'root' is not a PVE user id");
        rejects("target:\n  node: -bad-\n", "target.node: '-bad-' is not a valid name");
        rejects("target:\n  diskStorage: Local_LVM\n", "target.diskStorage: 'Local_LVM' is not a valid name");
        rejects("target:\n  bridge: averyveryverylongbridge\n", "target.bridge:");
        rejects("target:\n  vmids: 50-60\n", "target.vmids: VMIDs 50-60 are outside what PVE allows");
        rejects("target:\n  vmids: 9199-9100\n", "the range starts at 9199 but ends at 9100");
        rejects("target:\n  vmids: lots\n", "'lots' is not a VMID range");
        write("target:\n  vmids:\n    first: 200\n    last: 299\n");
        assertEquals(new VmidRange(200, 299), load().target().vmids());
    }

    @Test
    void environmentAndFlagErrorsNameTheirOrigin() {
        env.put("PROXMOX_VE_INSECURE", "perhaps");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(Messages.shown(e).startsWith("environment PROXMOX_VE_INSECURE: proxmox.insecure:"), Messages.shown(e));
        env.clear();
        ConfigException flag = assertThrows(ConfigException.class,
                () -> load(new ConfigOverride("target.node", "no_underscores", "--node")));
        assertTrue(Messages.shown(flag).startsWith("option --node: target.node:"), Messages.shown(flag));
    }

    @Test
    void secretsNeverAppearInMessages() throws Exception {
        for (String bad : List.of("nixpve@pve=" + SECRET, "nixpve@pve!1bad=" + SECRET, "@pve!x=" + SECRET,
                "nixpvepve!x=" + SECRET)) {
            env.put("PROXMOX_VE_API_TOKEN", bad);
            ConfigException e = assertThrows(ConfigException.class, this::load, bad);
            assertFalse(Messages.shown(e).contains(SECRET), Messages.shown(e));
            assertTrue(Messages.shown(e).startsWith("environment PROXMOX_VE_API_TOKEN: proxmox.apiToken: malformed API token"),
                    Messages.shown(e));
        }
        env.clear();
        env.put("PROXMOX_VE_API_TOKEN", TOKEN);
        assertFalse(load().proxmox().toString().contains(SECRET));
        env.put("PROXMOX_VE_USERNAME", "root@pam");
        env.put("PROXMOX_VE_PASSWORD", SECRET);
        assertFalse(load().proxmox().toString().contains(SECRET));
    }

    @Test
    void credentialsMustBeComplete() throws Exception {
        env.put("PROXMOX_VE_ENDPOINT", "https://pve:8006/");
        assertTrue(assertThrows(ConfigException.class, () -> load().proxmox().requireConnection()).reason().name()
                .equals("NO_CREDENTIALS"));
        env.put("PROXMOX_VE_USERNAME", "root@pam");
        assertTrue(assertThrows(ConfigException.class, () -> load().proxmox().requireConnection()).reason().name()
                .equals("NO_PASSWORD"));
        env.put("PROXMOX_VE_PASSWORD", "x");
        load().proxmox().requireConnection();
    }

    @Test
    void aGivenFileMustExist() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(env)
                .load(Optional.of(Path.of("nope.yaml")), List.of(), dir));
        assertTrue(Messages.shown(e).contains("nope.yaml: the configuration file does not exist"), Messages.shown(e));
    }

    private void rejects(String yaml, String expected) throws Exception {
        write(yaml);
        assertMessage(expected);
    }

    private void assertMessage(String expected) {
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(Messages.shown(e).contains(expected), "expected <" + expected + "> in: " + Messages.shown(e));
        assertTrue(Messages.shown(e).contains("Hint:"), Messages.shown(e));
    }

    private void write(String yaml) throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), yaml);
    }

    private NixpveConfig load(ConfigOverride... flags) throws ConfigException {
        return new ConfigLoader(env).load(Optional.empty(), List.of(flags), dir);
    }
}

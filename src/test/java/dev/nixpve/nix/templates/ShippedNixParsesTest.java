package dev.nixpve.nix.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.nix.ImageData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Nix parses as it is, and data reaches it only as JSON: hostile values survive the
 * trip unchanged, and the pure helpers in lib/nixpve.nix compute what the modules and the install
 * script rely on. Needs only nix-instantiate (no nixpkgs, no store writes).
 */
class ShippedNixParsesTest {

    private static final String PLACEHOLDER = "@NIXPKGS_BRANCH@";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    @Test
    void everyShippedNixFileParses() throws Exception {
        NixInstantiate nix = NixInstantiate.require(scratch);
        List<String> nixFiles = NixTemplates.files().stream().filter(f -> f.endsWith(".nix")).toList();
        assertTrue(nixFiles.contains("flake.nix"), nixFiles.toString());

        for (String file : nixFiles) {
            NixInstantiate.Result result = nix.parse(NixTemplates.DIR.resolve(file).toAbsolutePath());
            assertEquals(0, result.exitCode(), file + " does not parse:\n" + result.stderr());
        }
    }

    @Test
    void theFlakeHasOnePlaceholderInsideTheNixpkgsUrl() throws IOException {
        String flake = Files.readString(NixTemplates.DIR.resolve("flake.nix"), StandardCharsets.UTF_8);
        Matcher url = Pattern.compile("inputs\\.nixpkgs\\.url = \"github:NixOS/nixpkgs/" + PLACEHOLDER + "\";")
                .matcher(flake);
        assertTrue(url.find(), "flake.nix must pin nixpkgs with the placeholder inside the URL string");
        assertEquals(1, flake.split(PLACEHOLDER, -1).length - 1, "exactly one placeholder in flake.nix");
        for (String file : NixTemplates.manifest()) {
            if (!file.equals("flake.nix")) {
                String text = Files.readString(NixTemplates.DIR.resolve(file), StandardCharsets.UTF_8);
                assertTrue(!text.contains(PLACEHOLDER), file + " must not contain the placeholder");
            }
        }
        assertTrue(!Files.exists(NixTemplates.DIR.resolve("flake.lock")), "no hand-written flake.lock");
    }

    @Test
    void hostileDataRoundTripsByteForByte() throws Exception {
        NixInstantiate nix = NixInstantiate.require(scratch);
        Path tree = renderedTree(SampleData.hostile());
        String written = Files.readString(tree.resolve(ImageData.FILE_NAME), StandardCharsets.UTF_8);

        NixInstantiate.Result result = nix.evalJson(tree,
                "builtins.fromJSON (builtins.readFile ./" + ImageData.FILE_NAME + ")");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(written, result.stdout().strip());
        assertTrue(written.contains("${builtins.abort"), "the sample must carry an antiquotation");
    }

    @Test
    void installConfigCarriesWhatTheScriptReads() throws Exception {
        JsonNode config = evalHelper("nixpve.installConfig data build");

        BuildIdentity build = SampleData.build();
        assertEquals(build.buildToken(), config.get("buildToken").asText());
        assertEquals("/dev/sda", config.at("/disk/device").asText());
        assertEquals("scsi", config.at("/disk/bus").asText());
        assertEquals(20L * 1024 * 1024 * 1024, config.at("/disk/minBytes").asLong());
        assertEquals(4096, config.get("swapMiB").asInt());
        assertEquals("bios", config.get("firmware").asText());
        assertEquals("/run/nixpve/install-progress.json", config.get("progressPath").asText());
        assertEquals(600, config.get("doneHoldSeconds").asInt());
        assertEquals(900, config.get("failedHoldSeconds").asInt());
        assertEquals("nixpve", config.get("vgName").asText());
        assertEquals("root", config.get("rootLv").asText());
        assertEquals("swap", config.get("swapLv").asText());
    }

    @Test
    void swapIsExactlyOneDeviceOrNone() throws Exception {
        assertEquals("[{\"device\":\"/dev/nixpve/swap\"}]", evalHelper("nixpve.swapDevices data").toString());
        assertEquals("[]", evalHelper("nixpve.swapDevices (data // { swapMiB = 0; })").toString());
    }

    @Test
    void nfsAlwaysGetsTheOptionsThatKeepBootsFromHangingAndTheNasFromRoot() throws Exception {
        JsonNode options = evalHelper("nixpve.nfsOptions data.nfs");
        assertEquals(List.of("nfsvers=4", "hard", "nosuid", "nodev", "_netdev", "nofail", "x-systemd.automount",
                "x-systemd.idle-timeout=600"), JSON.convertValue(options, List.class));
        // Given again by the user, each is still there once.
        assertEquals(List.of("nfsvers=4", "nosuid", "nodev", "_netdev", "nofail", "x-systemd.automount",
                "x-systemd.idle-timeout=600"), JSON.convertValue(evalHelper(
                        "nixpve.nfsOptions (data.nfs // { options = [ \"nfsvers=4\" \"nosuid\" ]; })"), List.class));

        assertEquals("192.168.1.4:/volume1/k8s " + SampleData.HOSTILE,
                evalHelper("nixpve.nfsDevice data.nfs").asText());
        assertEquals("[fd00::4]:/export",
                evalHelper("nixpve.nfsDevice (data.nfs // { server = \"fd00::4\"; export = \"/export\"; })").asText());
    }

    @Test
    void adminUsersAreWheelWithKeysOnly() throws Exception {
        JsonNode users = evalHelper("nixpve.adminUsers data");

        List<String> names = new ArrayList<>();
        users.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("ansible", "nixos"), names);
        assertEquals("ssh-ed25519 AAAAC3Nza " + SampleData.HOSTILE,
                users.at("/ansible/openssh/authorizedKeys/keys/0").asText());
        assertEquals("[\"wheel\"]", users.at("/ansible/extraGroups").toString());
        assertTrue(users.at("/nixos/isNormalUser").asBoolean());
    }

    @Test
    void packageNamesSplitIntoAttributePaths() throws Exception {
        assertEquals("[[\"htop\"],[\"python3Packages\",\"requests\"]]",
                evalHelper("map nixpve.packagePath data.packages").toString());
    }

    @Test
    void buildInfoRecordsTheBuildAndTheNixpkgsRevision() throws Exception {
        JsonNode info = evalHelper("nixpve.buildInfo data build \"abc123\"");

        assertEquals(SampleData.BUILD_ID, info.get("buildId").asText());
        assertEquals("abc123", info.get("nixpkgsRevision").asText());
        assertEquals("2026-11-22T10:00:00Z", info.get("builtAt").asText());
        assertEquals(SampleData.hostile().name(), info.get("name").asText());
        assertEquals("nixpve-" + SampleData.build().buildToken() + ".iso",
                evalHelper("nixpve.isoFileName build").asText());
        assertEquals("nixpve-" + SampleData.build().buildToken(), evalHelper("nixpve.isoBaseName build").asText());
    }

    @Test
    void dataForAnotherNixpkgsBranchStopsEvaluationWithAClearMessage() throws Exception {
        NixInstantiate nix = NixInstantiate.require(scratch);
        Path tree = renderedTree(SampleData.hostile());

        NixInstantiate.Result accepted = nix.evalJson(tree, helperExpression("(nixpve.checkData \"25.11\" data).name"));
        NixInstantiate.Result refused = nix.evalJson(tree, helperExpression("(nixpve.checkData \"25.05\" data).name"));

        assertEquals(0, accepted.exitCode(), accepted.stderr());
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("nixpkgsBranch is \"nixos-25.11\" but flake.nix pins nixos-25.05"),
                refused.stderr());
    }

    private JsonNode evalHelper(String body) throws Exception {
        NixInstantiate nix = NixInstantiate.require(scratch);
        Path tree = renderedTree(SampleData.hostile());
        NixInstantiate.Result result = nix.evalJson(tree, helperExpression(body));
        assertEquals(0, result.exitCode(), body + ":\n" + result.stderr());
        return JSON.readTree(result.stdout());
    }

    /** The helpers applied to the tree's JSON files, the way flake.nix reads them. */
    private static String helperExpression(String body) {
        return "let nixpve = import ./lib/nixpve.nix;"
                + " data = builtins.fromJSON (builtins.readFile ./" + ImageData.FILE_NAME + ");"
                + " build = builtins.fromJSON (builtins.readFile ./" + BuildIdentity.FILE_NAME + ");"
                + " in " + body;
    }

    private Path renderedTree(ImageData data) throws IOException {
        Path tree = Files.createTempDirectory(scratch, "tree");
        NixTemplates.copyInto(tree);
        Files.writeString(tree.resolve(ImageData.FILE_NAME), SampleData.json(data), StandardCharsets.UTF_8);
        Files.writeString(tree.resolve(BuildIdentity.FILE_NAME), SampleData.json(SampleData.build()),
                StandardCharsets.UTF_8);
        return tree;
    }
}

package dev.nixpve.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.nixpve.proxmox.Fixtures;
import dev.nixpve.proxmox.PveWireMock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nixpve pve check` as a user runs it: the report, and one clear paragraph for each failure. */
class PveCheckCommandTest {

    private static final String SECRET = PveWireMock.TOKEN_SECRET;
    private static final Set<String> ALL_9X = Set.of("Datastore.Allocate", "Datastore.AllocateSpace",
            "Datastore.AllocateTemplate", "Datastore.Audit", "SDN.Use", "VM.Allocate", "VM.Audit", "VM.Clone",
            "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Cloudinit", "VM.Config.Disk", "VM.Config.HWType",
            "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.GuestAgent.Audit",
            "VM.GuestAgent.FileRead", "VM.PowerMgmt");

    private final WireMockServer server = new WireMockServer(options().dynamicHttpsPort().httpDisabled(true)
            .bindAddress("127.0.0.1"));

    @TempDir
    Path workDir;

    PveCheckCommandTest() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void reportsVersionNodesStoragesAndPrivilegesAndSucceeds() throws Exception {
        stubCluster(ALL_9X);

        CliRun run = CliRun.run(environment(), workDir, "pve", "check", "--fingerprint", fingerprint());

        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("Proxmox VE 9.1.2 at https://127.0.0.1:" + server.httpsPort()
                + "/, authenticated as API token root@pam!nixpve=***"), run.out());
        assertTrue(run.out().contains("pve1         online"), run.out());
        assertTrue(run.out().contains("local-lvm      lvmthin  images,rootdir"), run.out());
        assertTrue(run.out().contains("ok       /vms/9100"), run.out());
        assertTrue(run.out().contains("Result: OK"), run.out());
        assertFalse(run.all().contains(SECRET));
    }

    @Test
    void aMissingPrivilegeIsNamedAndFailsTheCheck() throws Exception {
        Set<String> without = new java.util.TreeSet<>(ALL_9X);
        without.remove("VM.Clone");
        stubCluster(without);

        CliRun run = CliRun.run(environment(), workDir, "pve", "check", "--fingerprint", fingerprint());

        assertEquals(ExitCodes.FAILURE, run.exitCode(), run.all());
        assertTrue(run.out().contains("MISSING  /vms/9100                          VM.Clone"), run.out());
        assertTrue(run.out().contains("MISSING  /vms/9101                          VM.Clone"), run.out());
        assertTrue(run.out().contains("Result: 2 privileges missing: VM.Clone on /vms/9100, VM.Clone on /vms/9101."),
                run.out());
    }

    @Test
    void vmMigrateForTerraformIsAdvisoryAndSaysWhenItIsNeeded() throws Exception {
        stubCluster(ALL_9X);

        CliRun run = CliRun.run(environment(), workDir, "pve", "check", "--fingerprint", fingerprint());

        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("Privileges Terraform may need (advisory, the build does not use them):"),
                run.out());
        assertTrue(run.out().contains("absent   /vms                               VM.Migrate"), run.out());
        assertTrue(run.out().contains("only if terraform places a vm on a node without a copy of the template "
                + "(clone there, then migrate) or changes vm_nodes"), run.out());
        assertTrue(run.out().contains("Result: OK"), run.out());
    }

    @Test
    void vmMigrateOnVmsIsReportedPresent() throws Exception {
        Set<String> with = new java.util.TreeSet<>(ALL_9X);
        with.add("VM.Migrate");
        stubCluster(with);

        CliRun run = CliRun.run(environment(), workDir, "pve", "check", "--fingerprint", fingerprint());

        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("ok       /vms                               VM.Migrate"), run.out());
    }

    @Test
    void anUnreachableEndpointIsOneParagraphWithAHint() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> env = environment();
        env.put("PROXMOX_VE_ENDPOINT", "https://127.0.0.1:" + closed + "/");

        CliRun run = CliRun.run(env, workDir, "pve", "check");

        assertEquals(ExitCodes.FAILURE, run.exitCode());
        assertOneParagraph(run, "error: Cannot reach Proxmox VE at https://127.0.0.1:" + closed + "/");
        assertTrue(run.err().contains("Hint: check PROXMOX_VE_ENDPOINT"), run.err());
    }

    @Test
    void aWrongTokenIsOneParagraphWithAHintAndNoSecret() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api2/json/version")).willReturn(
                PveWireMock.response(401, "invalid token value!", "")));

        CliRun run = CliRun.run(environment(), workDir, "pve", "check", "--fingerprint", fingerprint());

        assertEquals(ExitCodes.FAILURE, run.exitCode());
        assertOneParagraph(run, "error: Proxmox VE rejected API token root@pam!nixpve=*** (HTTP 401 invalid token "
                + "value!).");
        assertTrue(run.err().contains("Hint: check PROXMOX_VE_API_TOKEN"), run.err());
    }

    @Test
    void aWrongFingerprintIsOneParagraphNamingThePresentedOne() throws Exception {
        String wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

        CliRun run = CliRun.run(environment(), workDir, "pve", "check", "--fingerprint", wrong);

        assertEquals(ExitCodes.FAILURE, run.exitCode());
        assertOneParagraph(run, "error: The certificate of Proxmox VE at https://127.0.0.1:" + server.httpsPort()
                + "/ does not match the pinned fingerprint: certificate fingerprint " + fingerprint()
                + " does not match the pinned " + wrong);
        assertTrue(run.err().contains("Hint: if the node's certificate was renewed"), run.err());
    }

    @Test
    void anUntrustedCertificateSuggestsPinningThePresentedFingerprint() throws Exception {
        CliRun run = CliRun.run(environment(), workDir, "pve", "check");

        assertEquals(ExitCodes.FAILURE, run.exitCode());
        assertOneParagraph(run, "error: Proxmox VE at https://127.0.0.1:" + server.httpsPort()
                + "/ presented a certificate this machine does not trust");
        assertTrue(run.err().contains("PROXMOX_VE_FINGERPRINT=" + fingerprint()), run.err());
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api2/json/version")).willReturn(
                PveWireMock.response(401, "invalid token value!", "")));

        CliRun run = CliRun.run(environment(), workDir, "-v", "pve", "check", "--fingerprint", fingerprint());

        assertEquals(ExitCodes.FAILURE, run.exitCode());
        assertTrue(run.err().contains("\tat dev.nixpve."), run.err());
        assertFalse(run.err().contains(SECRET));
    }

    private static void assertOneParagraph(CliRun run, String start) {
        String err = run.err().strip();
        assertTrue(err.startsWith(start), "expected to start with:\n" + start + "\nbut was:\n" + err);
        assertEquals(1, err.lines().count(), "one paragraph, no stack trace:\n" + err);
        assertTrue(err.contains(" Hint: "), err);
        assertFalse(run.all().contains(SECRET), "the token secret leaked");
        assertTrue(run.out().isEmpty(), run.out());
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PROXMOX_VE_ENDPOINT", "https://127.0.0.1:" + server.httpsPort() + "/");
        env.put("PROXMOX_VE_API_TOKEN", "root@pam!nixpve=" + SECRET);
        return env;
    }

    private void stubCluster(Set<String> granted) throws Exception {
        answer("/version", "{\"data\":{\"version\":\"9.1.2\",\"release\":\"9.1\",\"repoid\":\"1a2b3c4d\"}}");
        answer("/nodes", "{\"data\":[{\"node\":\"pve1\",\"status\":\"online\",\"ssl_fingerprint\":\"" + fingerprint()
                + "\",\"maxcpu\":8},{\"node\":\"pve2\",\"status\":\"offline\"}]}");
        answer("/nodes/pve1/storage", Fixtures.load("nodes-storage.get.200.pve62.json").body());
        answer("/cluster/resources", "{\"data\":[]}");
        server.stubFor(get(urlPathEqualTo("/api2/json/cluster/sdn/vnets/vmbr0")).willReturn(PveWireMock.response(500,
                "sdn vnet 'vmbr0' does not exist", "{\"data\":null,\"message\":\"sdn vnet 'vmbr0' does not exist\\n\"}")));
        String privileges = granted.stream().map(p -> "\"" + p + "\":1").reduce((a, b) -> a + "," + b).orElse("");
        for (String path : new String[] {"/storage/local", "/storage/local-lvm", "/vms/9100", "/vms/9101",
            "/vms", "/sdn/zones/localnetwork/vmbr0"}) {
            server.stubFor(get(urlPathEqualTo("/api2/json/access/permissions")).withQueryParam("path", equalTo(path))
                    .willReturn(PveWireMock.response(200, "OK", "{\"data\":{\"" + path + "\":{" + privileges + "}}}")));
        }
    }

    private void answer(String path, String body) {
        server.stubFor(get(urlPathEqualTo("/api2/json" + path)).willReturn(PveWireMock.response(200, "OK", body)));
    }

    private String fingerprint() throws Exception {
        return dev.nixpve.proxmox.TlsTestSupport.fingerprintOf(server.httpsPort());
    }
}

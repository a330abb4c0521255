package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator answers like pveproxy at the HTTP level: statuses, reason phrases, envelopes, auth. */
class SimApiShapesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String API = "/api2/json";

    SimHarness sim = new SimHarness();
    RawHttps http = sim.http;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void nodesReportTheServedCertificatesFingerprint() throws Exception {
        JsonNode nodes = data(http.get(API + "/nodes", sim.token()));
        assertEquals(2, nodes.size());
        assertEquals(sim.simulator.fingerprint(), nodes.get(0).path("ssl_fingerprint").asText());
        assertTrue(sim.simulator.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    }

    @Test
    void badCredentialsGetA401WithAnEmptyBodyAndTheReason() throws Exception {
        RawHttps.Response wrongSecret = http.get(API + "/version", "root@pam!nixpve=00000000-0000-0000-0000-000000000000");
        assertEquals(401, wrongSecret.status());
        assertEquals("invalid token value!", wrongSecret.reason());
        assertEquals("", wrongSecret.body());
        RawHttps.Response none = http.send("GET", API + "/version", Map.of(), null);
        assertEquals(401, none.status());
        assertEquals("No ticket", none.reason());
    }

    @Test
    void aBodyOnGetOrDeleteIsA501AndUnknownPathsAre501() throws Exception {
        RawHttps.Response body = http.send("DELETE", API + "/nodes/pve1/qemu/100",
                Map.of("Authorization", "PVEAPIToken=" + sim.token()), "purge=1".getBytes(StandardCharsets.UTF_8));
        assertEquals(501, body.status());
        assertEquals("Unexpected content for method 'DELETE'", body.reason());
        RawHttps.Response unknown = http.get(API + "/nodes/pve1/nonsense", sim.token());
        assertEquals(501, unknown.status());
        assertEquals("Method 'GET /nodes/pve1/nonsense' not implemented", unknown.reason());
    }

    @Test
    void aMissingVmIsA500ThatSaysTheConfigFileDoesNotExist() throws Exception {
        RawHttps.Response missing = http.get(API + "/nodes/pve1/qemu/4242/status/current", sim.token());
        assertEquals(500, missing.status());
        assertEquals("Configuration file 'nodes/pve1/qemu-server/4242.conf' does not exist", missing.reason());
        JsonNode body = JSON.readTree(missing.body());
        assertTrue(body.get("data").isNull());
        assertEquals("Configuration file 'nodes/pve1/qemu-server/4242.conf' does not exist\n",
                body.get("message").asText());
        assertEquals("close", missing.header("Connection"));
    }

    @Test
    void duplicateVmidsAre500OnCreateAnd400OnNextid() throws Exception {
        create(100);
        RawHttps.Response again = http.form("POST", API + "/nodes/pve1/qemu", sim.token(), "vmid=100");
        assertEquals(500, again.status());
        assertEquals("unable to create VM 100 - VM 100 already exists on node 'pve1'", again.reason());
        RawHttps.Response taken = http.get(API + "/cluster/nextid?vmid=100", sim.token());
        assertEquals(400, taken.status());
        assertEquals("Parameter verification failed.", taken.reason());
        assertEquals("VM 100 already exists", JSON.readTree(taken.body()).path("errors").path("vmid").asText());
        assertEquals("\"101\"", JSON.readTree(http.get(API + "/cluster/nextid", sim.token()).body()).get("data")
                .toString(), "nextid is a JSON string, as Perl sends it");
    }

    @Test
    void ticketsNeedTheCsrfTokenOnWritesExceptUploads() throws Exception {
        RawHttps.Response wrong = http.form("POST", API + "/access/ticket", "", "username=root@pam&password=nope");
        assertEquals(401, wrong.status());
        assertEquals("{\"data\":null}", wrong.body());
        JsonNode ticket = data(http.send("POST", API + "/access/ticket", Map.of("Content-Type",
                "application/x-www-form-urlencoded"), ("username=root%40pam&password=" + sim.simulator.rootPassword())
                .getBytes(StandardCharsets.UTF_8)));
        String cookie = "PVEAuthCookie=" + java.net.URLEncoder.encode(ticket.get("ticket").asText(), StandardCharsets.UTF_8);
        assertEquals(200, http.send("GET", API + "/version", Map.of("Cookie", cookie), null).status());
        RawHttps.Response noCsrf = http.send("POST", API + "/nodes/pve1/qemu", Map.of("Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded"), "vmid=120".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, noCsrf.status());
        assertEquals("Permission denied - invalid csrf token", noCsrf.reason());
        RawHttps.Response withCsrf = http.send("POST", API + "/nodes/pve1/qemu", Map.of("Cookie", cookie,
                "CSRFPreventionToken", ticket.get("CSRFPreventionToken").asText(),
                "Content-Type", "application/x-www-form-urlencoded"), "vmid=120".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, withCsrf.status(), withCsrf.reason());
        assertTrue(data(withCsrf).asText().endsWith(":qmcreate:120:root@pam:"));
    }

    @Test
    void aTokenWithoutAPrivilegeGetsA403NamingIt() throws Exception {
        sim.simulator.addToken("nixpve@pve!build", "11111111-2222-3333-4444-555555555555",
                Map.of("/vms", Set.of("VM.Audit")));
        String limited = "nixpve@pve!build=11111111-2222-3333-4444-555555555555";
        RawHttps.Response refused = http.form("POST", API + "/nodes/pve1/qemu", limited, "vmid=130");
        assertEquals(403, refused.status());
        assertEquals("Permission check failed", refused.reason()); // raise_perm_exc() names no path here
        JsonNode permissions = data(http.get(API + "/access/permissions?path=/vms/130", limited));
        assertEquals(1, permissions.path("/vms/130").path("VM.Audit").asInt());
        assertTrue(permissions.path("/vms/130").path("VM.Allocate").isMissingNode());
    }

    @Test
    void taskLogsPageFromZeroAndEndWithTheTaskResult() throws Exception {
        String upid = create(140);
        sim.advance(java.time.Duration.ofSeconds(5));
        String encoded = java.net.URLEncoder.encode(upid, StandardCharsets.UTF_8);
        JsonNode status = data(http.get(API + "/nodes/pve1/tasks/" + encoded + "/status", sim.token()));
        assertEquals("stopped", status.get("status").asText());
        assertEquals("OK", status.get("exitstatus").asText());
        assertEquals("root@pam", status.get("user").asText());
        assertEquals("nixpve", status.get("tokenid").asText());
        JsonNode log = JSON.readTree(http.get(API + "/nodes/pve1/tasks/" + encoded + "/log?start=0&limit=50",
                sim.token()).body());
        JsonNode lines = log.get("data");
        assertEquals("TASK OK", lines.get(lines.size() - 1).get("t").asText());
        assertEquals(lines.size(), log.get("total").asInt());
        RawHttps.Response bogus = http.get(API + "/nodes/pve1/tasks/nonsense/status", sim.token());
        assertEquals(400, bogus.status());
    }

    private String create(int vmid) throws Exception {
        return data(http.form("POST", API + "/nodes/pve1/qemu", sim.token(), "vmid=" + vmid
                + "&scsi0=local-lvm%3A4&net0=virtio%2Cbridge%3Dvmbr0")).asText();
    }

    static JsonNode data(RawHttps.Response response) throws Exception {
        assertEquals(200, response.status(), response.reason() + " " + response.body());
        return JSON.readTree(response.body()).get("data");
    }
}

package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guest agent as qemu-server decides it: the agent endpoints refuse "No QEMU guest agent
 * configured" only when the config has no {@code agent} line at all (QemuServer/Agent.pm
 * agent_available / assert_agent_available test {@code defined}); a line that parses to
 * {@code enabled=0} gives QEMU no agent socket (QemuServer.pm config_to_command), so the ping
 * fails: "QEMU guest agent is not running". status/current says {@code agent: 1} only when the
 * line parses to enabled (API2/Qemu.pm vmstatus, get_qga_key).
 */
class SimGuestAgentTest {

    static final String NODE = "pve1";

    @TempDir
    Path dir;

    SimHarness sim;

    @BeforeEach
    void installerIso() {
        sim = new SimHarness();
        sim.uploadInstaller(dir, "installer.iso", "tok");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "enabled=1", "enabled=1,fstrim_cloned_disks=1", "1,type=isa", "enabled=yes",
        "enabled=on", "type=virtio,enabled=true", "enabled=0,1"})
    void anEnabledAgentAnswersAndStatusSaysSo(String agent) throws Exception {
        bootInstaller(9100, Optional.of(agent));

        sim.client.agentPing(NODE, 9100);
        assertTrue(sim.client.vmStatus(NODE, 9100).agentEnabled());
        assertEquals(1, statusCurrent(9100).path("agent").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "enabled=0", "enabled=0,fstrim_cloned_disks=1", "0,type=isa", "enabled=no",
        "enabled=off,fstrim_cloned_disks=1", "enabled=false"})
    void aDisabledAgentIsConfiguredButNeverRuns(String agent) throws Exception {
        bootInstaller(9100, Optional.of(agent));

        assertEquals("QEMU guest agent is not running", refusal(9100));
        assertFalse(sim.client.vmStatus(NODE, 9100).agentEnabled());
        assertTrue(statusCurrent(9100).path("agent").isMissingNode(), statusCurrent(9100).toString());
    }

    @Test
    void noAgentLineIsNotConfigured() throws Exception {
        bootInstaller(9100, Optional.empty());

        assertEquals("No QEMU guest agent configured", refusal(9100));
        assertFalse(sim.client.vmStatus(NODE, 9100).agentEnabled());
    }

    @Test
    void aDisabledAgentOnAStoppedVmSaysTheVmIsNotRunning() {
        sim.await(sim.client.createVm(NODE, 9100, PveParams.of().put("agent", 0)));

        assertEquals("VM 9100 is not running", refusal(9100));
    }

    @Test
    void fileReadAnswersContentAndBytesReadAsPveDoes() throws Exception {
        bootInstaller(9100, Optional.of("1"));

        JsonNode data = new ObjectMapper().readTree(sim.http.get("/api2/json/nodes/" + NODE + "/qemu/9100/agent/"
                + "file-read?file=" + InstallProgress.PATH, sim.token()).body()).path("data");
        String content = data.path("content").asText();
        InstallProgress.parse(content);
        assertEquals(content.length(), data.path("bytes-read").asInt(), data.toString());
        assertTrue(data.path("truncated").isMissingNode(), data.toString());
        assertFalse(sim.client.agentFileRead(NODE, 9100, InstallProgress.PATH).truncated());
    }

    private void bootInstaller(int vmid, Optional<String> agent) {
        PveParams params = PveParams.of().put("scsi0", "local-lvm:8")
                .put("ide2", "local:iso/installer.iso,media=cdrom").put("boot", "order=scsi0;ide2")
                .put("smbios1", SimLifecycleTest.smbiosSerial("tok"));
        agent.ifPresent(a -> params.put("agent", a));
        sim.await(sim.client.createVm(NODE, vmid, params));
        sim.await(sim.client.startVm(NODE, vmid));
        sim.advance(Duration.ofSeconds(30)); // the installer's agent is up after a tenth of the install
    }

    private String refusal(int vmid) {
        PveApiException refused = assertThrows(PveApiException.class,
                () -> sim.client.agentFileRead(NODE, vmid, InstallProgress.PATH));
        assertEquals(PveApiException.Kind.SERVER, refused.kind());
        return refused.pveMessage().strip();
    }

    private JsonNode statusCurrent(int vmid) throws Exception {
        return new ObjectMapper().readTree(sim.http.get("/api2/json/nodes/" + NODE + "/qemu/" + vmid
                + "/status/current", sim.token()).body()).path("data");
    }
}

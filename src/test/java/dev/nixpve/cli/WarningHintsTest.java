package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.event.LogEvent;
import dev.nixpve.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Core warnings say what was found and name a topic; the console and JSON lines add what to do. */
class WarningHintsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeClock clock = new FakeClock();
    private final CliContext context = new CliContext(Map.of(), Path.of("."), new PrintWriter(out, true),
            new PrintWriter(err, true), clock, clock, new AtomicBoolean());

    @Test
    void anEmptyInventoryWarnsWithTheWaysToTagVms() {
        new ConsoleEvents(context).emit(LogEvent.warn(LogEvent.Topic.NO_TAGGED_VM, "No VM is tagged nixpve (templates "
                + "do not count): the inventory has no hosts"));
        assertEquals("warning: No VM is tagged nixpve (templates do not count): the inventory has no hosts. Hint: clone "
                + "the template with terraform/ (it tags the VMs), or add the tags 'nixpve' and 'control-plane' or "
                + "'worker' to your VMs.\n", err.toString());
    }

    @Test
    void aWarningWithoutATopicIsShownAsItIs() {
        new ConsoleEvents(context).emit(LogEvent.warn("VM 9205 (db) on pve1: it is stopped; using its static "
                + "cloud-init address 10.0.0.25."));
        assertEquals("warning: VM 9205 (db) on pve1: it is stopped; using its static cloud-init address 10.0.0.25.\n",
                err.toString());
    }

    @Test
    void aJsonLineCarriesTheTopicAndTheHintAndAPlainLineNeither() throws Exception {
        JsonLinesEvents json = new JsonLinesEvents(context, clock);
        json.emit(LogEvent.warn(LogEvent.Topic.HOST_WITHOUT_ADDRESS, "VM 9204 (w) on pve2: it is stopped, so its "
                + "guest agent cannot answer; listed without ansible_host"));
        json.emit(LogEvent.info("reading the cluster"));
        String[] lines = out.toString().split("\n");
        JsonNode warning = new ObjectMapper().readTree(lines[0]);
        assertEquals("HOST_WITHOUT_ADDRESS", warning.path("topic").asText(), lines[0]);
        assertEquals("start the VM and make sure qemu-guest-agent runs in it (agent enabled in its options), or give "
                + "it a static address (ipconfig0 ip=ADDRESS/PREFIX)", warning.path("hint").asText(), lines[0]);
        JsonNode info = new ObjectMapper().readTree(lines[1]);
        assertFalse(info.has("topic") || info.has("hint"), lines[1]);
        assertEquals("reading the cluster", info.path("message").asText(), lines[1]);
    }
}

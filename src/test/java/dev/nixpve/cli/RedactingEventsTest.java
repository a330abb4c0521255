package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nixpve.event.Event;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever text an event carries reaches the console with the command's known secrets masked. */
class RedactingEventsTest {

    private static final String SECRET = "5ec12e7-7f3a-4b1c-9d2e-000000000042";

    @Test
    void everyTextOfAnEventIsMaskedAndTheRestPassesAsItIs() {
        KnownSecrets secrets = new KnownSecrets(Map.of("PROXMOX_VE_API_TOKEN", "root@pam!nixpve=" + SECRET));
        List<Event> shown = new ArrayList<>();
        RedactingEvents events = new RedactingEvents(shown::add, secrets::redaction);
        ProgressEvent progress = new ProgressEvent("upload", 10, 100);

        events.emit(LogEvent.warn("PVE said: bad value '" + SECRET + "'"));
        events.emit(new NodeEvent("pve2", new StepEvent(StepId.INSTALL, StepEvent.Status.FAILED, Duration.ZERO,
                "failed: " + SECRET)));
        events.emit(new OutputLine("nix", "token=" + SECRET));
        events.emit(new JournalEvent(JournalEvent.Action.CREATED, "VM 9100 " + SECRET));
        events.emit(progress);

        assertEquals(List.of(LogEvent.warn("PVE said: bad value '***'"), new NodeEvent("pve2",
                new StepEvent(StepId.INSTALL, StepEvent.Status.FAILED, Duration.ZERO, "failed: ***")),
                new OutputLine("nix", "token=***"), new JournalEvent(JournalEvent.Action.CREATED, "VM 9100 ***"),
                progress), shown);
    }
}

package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.PveTimeoutException;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.Upid;

import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting for tasks polls at the stated interval on a fake clock and never sleeps for real. */
class TaskWaiterTest {

    private static final Upid UPID = Upid.parse("UPID:pve:00000780:00009597:5FBE5DD6:qmcreate:100:root@pam:");
    private static final String STATUS_PATH = "/api2/json/nodes/pve/tasks/" + UPID.raw() + "/status";

    private final PveWireMock pve = new PveWireMock();
    private final ProxmoxClient client = pve.client();
    private final FakeClock clock = new FakeClock();
    private final TaskWaiter waiter = new TaskWaiter(client, clock, clock);

    @AfterEach
    void stop() {
        client.close();
        pve.close();
    }

    @Test
    void pollsUntilTheTaskStopsOk() {
        String running = Fixtures.load("task-status.qmcreate.running.pve7.json").body();
        pve.stub(request("GET", urlPathEqualTo(STATUS_PATH)).inScenario("t").whenScenarioStateIs(STARTED)
                .willSetStateTo("2"), 200, "OK", running);
        pve.stub(request("GET", urlPathEqualTo(STATUS_PATH)).inScenario("t").whenScenarioStateIs("2")
                .willSetStateTo("3"), 200, "OK", running);
        pve.stub(request("GET", urlPathEqualTo(STATUS_PATH)).inScenario("t").whenScenarioStateIs("3"), 200, "OK",
                Fixtures.load("task-status.qmcreate.stopped-ok.pve62.json").body());

        TaskStatus status = waiter.await(UPID, Duration.ofMinutes(5), Duration.ofSeconds(2), ResourceRef.vm("pve", 100));

        assertTrue(status.succeeded());
        // the first look after 200 ms, doubling towards the 2 s poll interval
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), clock.sleeps());
    }

    @Test
    void aFailedTaskCarriesItsExitStatusAndTheLogTail() {
        pve.answer("GET", "/nodes/pve/tasks/" + UPID.raw() + "/status", 200, "OK",
                "{\"data\":{\"status\":\"stopped\",\"exitstatus\":\"unable to create VM 100 - lvcreate failed\"}}");
        StringBuilder lines = new StringBuilder();
        for (int n = 1; n <= 30; n++) {
            lines.append(n == 1 ? "" : ",").append("{\"n\":").append(n).append(",\"t\":\"line ").append(n).append("\"}");
        }
        pve.answer("GET", "/nodes/pve/tasks/" + UPID.raw() + "/log", 200, "OK",
                "{\"total\":30,\"data\":[" + lines + "]}");

        PveTaskFailedException error = assertThrows(PveTaskFailedException.class,
                () -> waiter.await(UPID, Duration.ofMinutes(5), Duration.ofSeconds(2), ResourceRef.vm("pve", 100)));

        assertEquals("unable to create VM 100 - lvcreate failed", error.exitStatus());
        assertEquals(100, error.resource().vmid().orElseThrow());
        // The tail is asked from line 10 on: 20 lines of a 30-line log.
        pve.server().verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api2/json/nodes/pve/tasks/" + UPID.raw() + "/log"))
                .withQueryParam("start", com.github.tomakehurst.wiremock.client.WireMock.equalTo("10"))
                .withQueryParam("limit", com.github.tomakehurst.wiremock.client.WireMock.equalTo("20")));
    }

    @Test
    void aTaskThatRunsTooLongTimesOutSayingWhatWasExpected() {
        pve.replay("GET", "/nodes/pve/tasks/" + UPID.raw() + "/status", "task-status.qmcreate.running.pve7.json");

        PveTimeoutException error = assertThrows(PveTimeoutException.class,
                () -> waiter.await(UPID, Duration.ofSeconds(10), Duration.ofSeconds(3), ResourceRef.vm("pve", 100)));

        assertTrue(error.getMessage().startsWith("expected task qmcreate 100 on node pve to finish within 10s "
                + "(polling every 3s)"), error.getMessage());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofMillis(1600), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3)),
                clock.sleeps());
    }
}

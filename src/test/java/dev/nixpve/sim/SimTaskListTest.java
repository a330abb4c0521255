package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.proxmox.model.PveParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /nodes/{node}/tasks} filters and pages as pve-manager PVE/API2/Tasks.pm node_tasks:
 * the archive newest first, {@code start}/{@code limit} after the filters, {@code total} counting
 * every match, {@code typefilter}, {@code vmid}, {@code userfilter}, {@code errors}; unknown
 * parameters stay a 400.
 */
class SimTaskListTest {

    SimHarness sim = new SimHarness();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void filtersAndPagesAsTasksPm() throws Exception {
        for (int vmid : List.of(100, 101, 102)) {
            sim.await(sim.client.createVm("pve1", vmid, PveParams.of().put("memory", "512")));
        }
        sim.await(sim.client.startVm("pve1", 101));

        JsonNode page = list("limit=2&start=1");
        assertEquals(4, page.path("total").asInt());
        assertEquals(List.of("102", "101"), ids(page.path("data")), "newest first, the newest skipped");
        assertEquals(List.of("qmstart"), types(list("typefilter=qmstart").path("data")));
        assertEquals(List.of("101", "101"), ids(list("vmid=101").path("data")));
        assertEquals(4, list("userfilter=ROOT@PAM").path("total").asInt());
        assertEquals(0, list("userfilter=alice").path("total").asInt());
        assertEquals(0, list("errors=1").path("total").asInt());
        assertEquals(0, list("source=active").path("total").asInt());
        assertEquals(400, SharedSim.get(sim, "/nodes/pve1/tasks?nosuch=1").status());
        assertEquals(400, SharedSim.get(sim, "/nodes/pve1/tasks?limit=-1").status());
    }

    private JsonNode list(String query) throws Exception {
        RawHttps.Response response = SharedSim.get(sim, "/nodes/pve1/tasks?" + query);
        assertEquals(200, response.status(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    private static List<String> ids(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    private static List<String> types(JsonNode tasks) {
        List<String> types = new ArrayList<>();
        tasks.forEach(task -> types.add(task.path("type").asText()));
        return types;
    }
}

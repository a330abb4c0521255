package dev.nixpve.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.sim.state.SharedStorageSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A simulated cluster with shared storages, and the raw calls the production client does not
 * make (a clone with {@code target}, listings read field by field).
 */
final class SharedSim {

    static final String API = "/api2/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedSim() {
    }

    static SimHarness start(List<String> nodes, List<String> sharedStorages, List<String> faults) {
        return new SimHarness(SimOptions.defaults().withNodes(nodes)
                .withSharedStorages(sharedStorages.stream().map(SharedStorageSpec::parse).toList())
                .withFaults(faults));
    }

    static RawHttps.Response get(SimHarness sim, String path) {
        try {
            return sim.http.get(API + path, sim.token());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawHttps.Response post(SimHarness sim, String path, String form) {
        try {
            return sim.http.form("POST", API + path, sim.token(), form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /nodes/{node}/qemu/{vmid}/clone} with the form as given. */
    static RawHttps.Response clone(SimHarness sim, String node, int vmid, String form) {
        return post(sim, "/nodes/" + node + "/qemu/" + vmid + "/clone", form);
    }

    static JsonNode data(RawHttps.Response response) {
        try {
            return JSON.readTree(response.body()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message of a PVE error answer, as its body carries it. */
    static String message(RawHttps.Response response) {
        try {
            return JSON.readTree(response.body()).path("message").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Upid upid(RawHttps.Response response) {
        if (response.status() != 200) {
            throw new AssertionError(response.status() + " " + response.reason() + ": " + response.body());
        }
        return Upid.parse(data(response).asText());
    }

    /** The entry of a JSON array whose {@code field} is {@code value}, or null. */
    static JsonNode entry(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        return null;
    }
}

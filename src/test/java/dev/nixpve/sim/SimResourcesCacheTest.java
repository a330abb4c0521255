package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.PveParams;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /cluster/resources} as PVE serves it: the VM list, lock and tags are live, while name,
 * status and template come from pvestatd's sample, taken every 10 s.
 */
class SimResourcesCacheTest {

    /** One full period: whatever the phase, a sample has been taken since. */
    static final Duration SAMPLE_PERIOD = Duration.ofSeconds(10);

    SimHarness sim = new SimHarness();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aNewVmIsListedAtOnceButItsStatusIsUnknownUntilTheNextSample() {
        sim.await(sim.client.createVm("pve1", 9300, PveParams.of().put("name", "fresh").put("tags", "a")));

        ClusterResource listed = resource(9300);
        assertEquals(Optional.of("unknown"), listed.status());
        assertEquals(Optional.empty(), listed.name());
        assertTrue(listed.tags().contains("a"), "tags come from the config, live");

        sim.advance(SAMPLE_PERIOD);
        assertEquals(Optional.of("stopped"), resource(9300).status());
        assertEquals(Optional.of("fresh"), resource(9300).name());
    }

    @Test
    void aFreshTemplateAndANewNameShowOnlyAfterTheNextSample() {
        sim.await(sim.client.createVm("pve1", 9301, PveParams.of().put("name", "before")));
        sim.advance(SAMPLE_PERIOD);
        sim.client.setVmConfig("pve1", 9301, PveParams.of().put("name", "after"), Optional.empty());
        sim.await(sim.client.convertToTemplate("pve1", 9301).orElseThrow());

        assertFalse(resource(9301).template(), "pvestatd has not sampled it yet");
        assertEquals(Optional.of("before"), resource(9301).name());
        assertTrue(sim.client.vmConfig("pve1", 9301).isTemplate(), "the config is the truth");

        sim.advance(SAMPLE_PERIOD);
        assertTrue(resource(9301).template());
        assertEquals(Optional.of("after"), resource(9301).name());
    }

    private ClusterResource resource(int vmid) {
        return sim.client.resources(Optional.of("vm")).stream().filter(r -> r.vmid().equals(Optional.of(vmid)))
                .findFirst().orElseThrow();
    }
}

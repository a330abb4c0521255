package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which checks refuse the call and which fail the task, as qemu-server splits them: start, stop,
 * shutdown and destroy check the lock (and start the template flag) in the worker; clone checks
 * the lock before forking, on templates too.
 */
class SimTaskChecksTest {

    static final String NODE = "pve1";

    SimHarness sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void startingATemplateReturnsATaskThatFails() {
        sim = new SimHarness();
        sim.await(sim.client.createVm(NODE, 9400, PveParams.of().put("scsi0", "local-lvm:1")));
        sim.await(sim.client.convertToTemplate(NODE, 9400).orElseThrow());

        PveTaskFailedException failed = assertThrows(PveTaskFailedException.class,
                () -> sim.await(sim.client.startVm(NODE, 9400)));
        assertEquals("you can't start a vm if it's a template", failed.exitStatus());
    }

    @Test
    void startStopShutdownAndDestroyOfALockedVmFailInTheTask() {
        sim = new SimHarness(List.of("lock=9401:backup"));
        sim.await(sim.client.createVm(NODE, 9401, PveParams.of()));

        for (var call : List.<java.util.function.Supplier<dev.nixpve.proxmox.model.Upid>>of(
                () -> sim.client.startVm(NODE, 9401), () -> sim.client.stopVm(NODE, 9401),
                () -> sim.client.shutdownVm(NODE, 9401, 10, true),
                () -> sim.client.deleteVm(NODE, 9401, true, true))) {
            PveTaskFailedException failed = assertThrows(PveTaskFailedException.class, () -> sim.await(call.get()));
            assertEquals("VM is locked (backup)", failed.exitStatus());
        }
        assertTrue(sim.client.vmConfig(NODE, 9401).get("lock").isPresent(), "still there, still locked");
    }

    @Test
    void cloningALockedTemplateIsRefusedBeforeAnyTask() {
        sim = new SimHarness(List.of("lock=9402:backup"));
        sim.await(sim.client.createVm(NODE, 9402, PveParams.of().put("scsi0", "local-lvm:1")));
        synchronized (sim.simulator.cluster()) {
            sim.simulator.cluster().vm(9402).orElseThrow().config().put("template", "1");
        }

        PveApiException refused = assertThrows(PveApiException.class,
                () -> sim.client.cloneVm(NODE, 9402, CloneRequest.linked(9403, "child")));
        assertEquals(PveApiException.Kind.LOCKED, refused.kind());
        assertFalse(sim.client.resources(Optional.of("vm")).stream()
                .anyMatch(r -> r.vmid().equals(Optional.of(9403))), "no clone was begun");
    }
}

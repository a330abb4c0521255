package dev.nixpve.cli.demo;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.wait.Poll;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.wait.WaitSpec;
import dev.nixpve.pipeline.DeployResult;
import dev.nixpve.pipeline.steps.StepFailure;
import dev.nixpve.pipeline.steps.ThrowawayKey;
import dev.nixpve.pipeline.steps.VmidAllocator;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.TaskWaiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's last act: clones the new template into a small cluster the way the Terraform module
 * does (full clones on the disk storage, cloud-init user and key, DHCP, tags with the role), boots
 * them and waits for their addresses, so the inventory has hosts to list.
 */
public final class DemoCluster {

    /** A clone with its role tag and the IPv4 its guest agent reported. */
    public record Member(int vmid, String name, String role, String ipv4) {
    }

    private final ProxmoxClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;

    public DemoCluster(ProxmoxClient client, Clock clock, Sleeper sleeper, EventSink events) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
    }

    public List<Member> create(NixpveConfig config, DeployResult template, int controlPlanes, int workers)
            throws Exception {
        Vms vms = new Vms(client, new TaskWaiter(client, clock, sleeper));
        VmidAllocator vmids = new VmidAllocator(client, config.target().single().vmids());
        String node = template.node();
        String key = ThrowawayKey.sshkeysParam();
        Map<Integer, String[]> clones = new LinkedHashMap<>();
        for (int i = 1; i <= controlPlanes + workers; i++) {
            String role = i <= controlPlanes ? "control-plane" : "worker";
            String name = "demo-" + (i <= controlPlanes ? "cp-" + i : "worker-" + (i - controlPlanes));
            int vmid = vmids.claim(id -> vms.cloneFrom(node, template.vmid(), CloneRequest.full(id, name,
                    config.target().single().diskStorage())));
            vms.update(node, vmid, PveParams.of().put("ciuser", "nixos").put("sshkeys", key)
                    .put("ipconfig0", "ip=dhcp").put("agent", "enabled=1")
                    .put("tags", "nixpve;" + role + ";build-" + template.image().shortId()));
            vms.start(node, vmid);
            clones.put(vmid, new String[] {name, role});
            events.emit(LogEvent.info("  cloned " + name + " (VM " + vmid + ", " + role + ") from template "
                    + template.vmid()));
        }
        List<Member> members = new ArrayList<>();
        Poller poller = new Poller(clock, sleeper);
        for (Map.Entry<Integer, String[]> clone : clones.entrySet()) {
            int vmid = clone.getKey();
            WaitSpec spec = new WaitSpec("the demo clone VM " + vmid + " to report an IPv4 address",
                    Duration.ofMinutes(5), Duration.ofSeconds(2));
            String ip = poller.await(spec, () -> vms.ipv4(node, vmid).map(Poll::done)
                    .orElseGet(() -> Poll.notYet("no address yet"))).orElseThrow(seen -> new StepFailure(
                            StepFailure.Reason.DEMO_NO_ADDRESS, "the demo clone VM " + vmid
                                    + " reported no IPv4 within 5 minutes"));
            members.add(new Member(vmid, clone.getValue()[0], clone.getValue()[1], ip));
        }
        return members;
    }
}

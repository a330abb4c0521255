package dev.nixpve.pipeline.steps;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.pipeline.Journal;
import dev.nixpve.pipeline.StepFailure;
import dev.nixpve.proxmox.CloneRequest;
import dev.nixpve.proxmox.PveParams;
import dev.nixpve.wait.Poll;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.wait.WaitSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Proves the template works the way Terraform will use it: a full clone with a cloud-init user,
 * key and DHCP boots and its guest agent reports an IPv4 address. The clone is destroyed after.
 */
public final class SmokeTest {

    static final Duration POLL = Duration.ofSeconds(5);

    /** What the smoke test saw. */
    public record Result(int cloneVmid, String ipv4, Duration bootTime) {
    }

    private final Vms vms;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Journal journal;

    public SmokeTest(Vms vms, Clock clock, Sleeper sleeper, Journal journal) {
        this.vms = vms;
        this.clock = clock;
        this.sleeper = sleeper;
        this.journal = journal;
    }

    public Result run(NixpveConfig config, String node, int template, String templateName, VmidAllocator vmids)
            throws Exception {
        String[] what = new String[1];
        int clone = vmids.claim(id -> {
            vms.cloneFrom(node, template, CloneRequest.full(id, templateName + "-smoke", config.target()
                    .diskStorage()));
            what[0] = "smoke-test clone VM " + id + " on " + node;
            journal.created(what[0], () -> vms.destroy(node, id), Optional.of(() -> vms.markFailed(node, id)));
        });
        vms.update(node, clone, PveParams.of()
                .put("ciuser", "nixpve-smoke")
                .put("sshkeys", ThrowawayKey.sshkeysParam())
                .put("ipconfig0", "ip=dhcp")
                .put("tags", TemplateSpec.TAG + ";smoke-test"));
        Instant start = clock.instant();
        vms.start(node, clone);
        WaitSpec spec = new WaitSpec("the smoke-test clone VM " + clone + " to report an IPv4 address through its "
                + "guest agent", config.verify().timeout(), POLL);
        String ip = new Poller(clock, sleeper).await(spec, () -> vms.ipv4(node, clone).map(Poll::done)
                .orElseGet(() -> Poll.notYet("no address yet"))).orElseThrow(seen -> new StepFailure(
                        "the smoke-test clone VM " + clone + " did not report an IPv4 address through its guest agent "
                                + "within " + config.verify().timeout().toMinutes() + "m (verify.timeout)",
                        "open the clone's console in the PVE web UI (add --keep-failed to keep it), check DHCP on "
                                + "bridge " + config.target().bridge() + ", or raise verify.timeout"));
        Result result = new Result(clone, ip, Duration.between(start, clock.instant()));
        journal.release(what[0]);
        return result;
    }
}

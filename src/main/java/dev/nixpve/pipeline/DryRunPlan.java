package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.pipeline.steps.InstallerVmSpec;
import dev.nixpve.pipeline.steps.Preflight;
import dev.nixpve.pipeline.steps.PublishedTemplates;
import dev.nixpve.pipeline.steps.TemplateSpec;
import dev.nixpve.pipeline.steps.UploadIso;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.PveParams;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code --dry-run}: reads what a run would read (preflight, existing templates and ISOs), then
 * lists every API call a run would make, with its parameters built by the same spec classes the
 * steps use, secrets masked. It makes no write call.
 */
public final class DryRunPlan {

    /** One planned call: method, path and parameters (masked), or a note between calls. */
    public record Call(String method, String path, Map<String, String> params) {
        @Override
        public String toString() {
            return method.isEmpty() ? "# " + path : method + " " + path + (params.isEmpty() ? "" : " " + params);
        }
    }

    private final ProxmoxClient client;
    private final Clock clock;

    public DryRunPlan(ProxmoxClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public List<Call> plan(NixpveConfig config, InstallerImage image, String version) throws StepFailure {
        dev.nixpve.journal.RunId run = dev.nixpve.journal.RunId.random();
        String node = config.target().node();
        String drive = config.vm().diskBus().pveDrive();
        Preflight.Result preflight = new Preflight(client, config.target(), config.vm(),
                config.verify().vmidsPerRun()).run();
        List<Call> calls = new ArrayList<>();
        Optional<PublishedTemplates.Found> existing = new PublishedTemplates(client).current(config.target().node(),
                config.image().name(),
                TemplateSpec.buildTag(image), drive);
        if (existing.isPresent()) {
            calls.add(note("template " + existing.get().vmid() + " is already built from build " + image.shortId()
                    + " and verifies: nothing to create; the outputs would be rewritten"));
            return calls;
        }
        String storage = config.target().isoStorage();
        Optional<String> present = UploadIso.existing(client, node, storage, image, config.image().name());
        String volid = present.orElse(storage + ":iso/" + image.storageFileName(config.image().name()));
        if (present.isPresent()) {
            calls.add(note(volid + " is already on the storage: no upload"));
        } else {
            calls.add(call("POST", "/nodes/" + node + "/storage/" + storage + "/upload", PveParams.of()
                    .put("content", "iso").put("filename", image.storageFileName(config.image().name()))
                    .put("checksum-algorithm", "sha256").put("checksum", image.sha256())));
        }
        int vmid = config.target().vmids().ids().filter(id -> !preflight.usedVmids().contains(id)).findFirst()
                .orElseThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String created = now.toString();
        calls.add(call("POST", "/nodes/" + node + "/qemu", PveParams.of().put("vmid", vmid)
                .putAll(InstallerVmSpec.params(config, image, volid, created, run))));
        String vm = "/nodes/" + node + "/qemu/" + vmid;
        calls.add(call("POST", vm + "/status/start", PveParams.of()));
        calls.add(call("GET", vm + "/agent/file-read", PveParams.of().put("file",
                dev.nixpve.monitor.InstallProgress.PATH)));
        calls.add(note("… polled until the installer reports done and the VM powers off"));
        calls.add(call("POST", vm + "/config", TemplateSpec.removeIso()));
        calls.add(call("POST", vm + "/config", TemplateSpec.finish(config, image, now, run,
                TemplateSpec.provenance(config, image, created, version)).params("<smbios1 without serial>")));
        calls.add(call("POST", vm + "/template", PveParams.of()));
        if (config.verify().smokeTest()) {
            int clone = config.target().vmids().ids().filter(id -> id != vmid && !preflight.usedVmids().contains(id))
                    .findFirst().orElseThrow();
            calls.add(call("POST", vm + "/clone", PveParams.of().put("newid", clone).put("full", true)
                    .put("name", TemplateSpec.name(config, image) + "-smoke")
                    .put("storage", config.target().diskStorage())));
            String smoke = "/nodes/" + node + "/qemu/" + clone;
            calls.add(call("POST", smoke + "/config", PveParams.of().put("ciuser", "nixpve-smoke")
                    .put("sshkeys", "<throwaway key>").put("ipconfig0", "ip=dhcp")));
            calls.add(call("POST", smoke + "/status/start", PveParams.of()));
            calls.add(call("GET", smoke + "/agent/network-get-interfaces", PveParams.of()));
            calls.add(call("POST", smoke + "/status/stop", PveParams.of()));
            calls.add(call("DELETE", smoke, PveParams.of().put("purge", true).put("destroy-unreferenced-disks", true)));
        }
        calls.add(note("retention: keep the newest " + config.retention().templates() + " templates named "
                + config.image().name() + " and " + config.retention().isos() + " ISOs; older ones without clones "
                + "are deleted"));
        return calls;
    }

    private static Call call(String method, String path, PveParams params) {
        return new Call(method, path, new TreeMap<>(params.masked()));
    }

    private static Call note(String text) {
        return new Call("", text, Map.of());
    }
}

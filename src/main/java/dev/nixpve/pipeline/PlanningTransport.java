package dev.nixpve.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nixpve.event.EventSink;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.proxmox.wire.ApiPath;
import dev.nixpve.proxmox.wire.ApiRequest;
import dev.nixpve.proxmox.wire.ApiResponse;
import dev.nixpve.proxmox.wire.ApiTransport;
import dev.nixpve.proxmox.wire.MultipartUpload;
import dev.nixpve.proxmox.wire.WireMapper;
import dev.nixpve.proxmox.model.ResourceRef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --dry-run}: the real recipe runs over this transport. Reads pass through to PVE; every
 * write is recorded (secrets masked) and answered as PVE would, with a task id that has already
 * ended well. What the run would have made (VMs, their configs, an uploaded ISO) is remembered, so
 * its later reads of them (configs, power state, the installer's progress, the smoke test's
 * address) answer as after a successful run. Nothing reaches PVE but reads.
 */
public final class PlanningTransport implements ApiTransport {

    /** One write the run would make. */
    public record Call(String method, String path, Map<String, String> params) {

        private static final Pattern ON_NODE = Pattern.compile("/nodes/([^/]+)/.*");

        /** The node the call is made on ({@code /nodes/NODE/...}); empty for a cluster-wide one. */
        public Optional<String> node() {
            Matcher m = ON_NODE.matcher(path);
            return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return method + " " + path + (params.isEmpty() ? "" : " " + params);
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern VM = Pattern.compile("/nodes/([^/]+)/qemu/(\\d+)(/.*)?");
    private static final Pattern CREATE = Pattern.compile("/nodes/([^/]+)/qemu");
    private static final Pattern TASK = Pattern.compile("/nodes/[^/]+/tasks/([^/]+)/(status|log)");
    private static final String PLANNER = "plan@pve";
    private static final Pattern CONTENT = Pattern.compile("/nodes/([^/]+)/storage/([^/]+)/(content|upload)(/.*)?");
    /** Documentation addresses (RFC 5737): plainly not a real answer. */
    private static final String PLANNED_ADDRESS = "192.0.2.10";

    private final ApiTransport reads;
    private final Clock clock;
    private final List<Call> writes = new ArrayList<>();
    private final Map<Integer, PlannedVm> vms = new LinkedHashMap<>();
    private final List<ObjectNode> volumes = new ArrayList<>();
    private int tasks;

    private static final class PlannedVm {
        final String node;
        final Map<String, String> config = new TreeMap<>();
        boolean running;
        boolean destroyed;

        PlannedVm(String node) {
            this.node = node;
        }
    }

    public PlanningTransport(ApiTransport reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    /** The writes so far, in order. */
    public synchronized List<Call> writes() {
        return List.copyOf(writes);
    }

    @Override
    public synchronized ApiResponse call(ApiRequest request) {
        if (request.method().equals("GET")) {
            return read(request);
        }
        Map<String, String> params = new LinkedHashMap<>(request.query().masked());
        params.putAll(request.form().masked());
        writes.add(new Call(request.method(), request.path(), new TreeMap<>(params)));
        return new ApiResponse(write(request), OptionalLong.empty());
    }

    @Override
    public synchronized ApiResponse upload(ApiRequest request, MultipartUpload body, String operation,
                                           EventSink events) {
        Matcher m = CONTENT.matcher(request.path());
        String filename = body.fields().getOrDefault("filename", "planned.iso");
        writes.add(new Call("POST", request.path(), new TreeMap<>(body.fields())));
        if (m.matches()) {
            ObjectNode volume = JSON.objectNode().put("volid", m.group(2) + ":iso/" + filename).put("format", "iso")
                    .put("content", "iso").put("size", body.fileSize()).put("ctime", clock.instant().getEpochSecond());
            volume.put("node", m.group(1)).put("storage", m.group(2));
            volumes.add(volume);
        }
        return new ApiResponse(JSON.textNode(upid(m.matches() ? m.group(1) : "planned", "imgcopy", "")),
                OptionalLong.empty());
    }

    @Override
    public String identity() {
        return reads.identity();
    }

    @Override
    public void close() {
        reads.close();
    }

    private JsonNode write(ApiRequest request) {
        Map<String, String> form = request.form().asMap();
        Matcher create = CREATE.matcher(request.path());
        if (request.method().equals("POST") && create.matches()) {
            PlannedVm vm = new PlannedVm(create.group(1));
            form.forEach((key, value) -> vm.config.put(key, value));
            vms.put(Integer.parseInt(form.get("vmid")), vm);
            return JSON.textNode(upid(create.group(1), "qmcreate", form.get("vmid")));
        }
        Matcher m = VM.matcher(request.path());
        if (!m.matches()) {
            Matcher content = CONTENT.matcher(request.path());
            return JSON.textNode(upid(content.matches() ? content.group(1) : "planned", "imgdel", ""));
        }
        int vmid = Integer.parseInt(m.group(2));
        String action = m.group(3) == null ? "" : m.group(3);
        PlannedVm vm = vms.computeIfAbsent(vmid, id -> new PlannedVm(m.group(1)));
        switch (request.method() + " " + action) {
            case "POST /config", "PUT /config" -> configure(vm, form);
            case "POST /status/start" -> vm.running = true;
            case "POST /status/stop", "POST /status/shutdown" -> vm.running = false;
            case "POST /template" -> vm.config.put("template", "1");
            case "POST /clone" -> clone(vmid, Integer.parseInt(form.get("newid")), form);
            case "DELETE " -> vm.destroyed = true;
            default -> {
                // other writes are recorded and answered; nothing to remember
            }
        }
        return request.method().equals("PUT") ? JSON.nullNode()
                : JSON.textNode(upid(m.group(1), taskType(action), String.valueOf(vmid)));
    }

    private void configure(PlannedVm vm, Map<String, String> form) {
        form.forEach((key, value) -> {
            if (key.equals("delete")) {
                for (String gone : value.split("[,;\\s]+")) {
                    vm.config.remove(gone);
                }
            } else if (!key.equals("digest")) {
                vm.config.put(key, value);
            }
        });
    }

    private void clone(int source, int newid, Map<String, String> form) {
        PlannedVm from = vms.get(source);
        PlannedVm copy = new PlannedVm(from == null ? "" : from.node);
        if (from != null) {
            copy.config.putAll(from.config);
        }
        copy.config.remove("template");
        if (form.containsKey("name")) {
            copy.config.put("name", form.get("name"));
        }
        vms.put(newid, copy);
    }

    private ApiResponse read(ApiRequest request) {
        String path = request.path();
        Matcher task = TASK.matcher(path);
        if (task.matches() && URLDecoder.decode(task.group(1), StandardCharsets.UTF_8).endsWith(":" + PLANNER + ":")) {
            return new ApiResponse(task.group(2).equals("log") ? JSON.arrayNode() : JSON.objectNode()
                    .put("upid", URLDecoder.decode(task.group(1), StandardCharsets.UTF_8)).put("status", "stopped")
                    .put("exitstatus", "OK"), OptionalLong.of(0));
        }
        Matcher m = VM.matcher(path);
        if (m.matches() && vms.containsKey(Integer.parseInt(m.group(2)))) {
            return new ApiResponse(plannedVm(Integer.parseInt(m.group(2)), m.group(3) == null ? "" : m.group(3)),
                    OptionalLong.empty());
        }
        ApiResponse real = reads.call(request);
        if (path.equals("/cluster/resources")) {
            return new ApiResponse(withPlannedGuests((ArrayNode) real.data()), real.total());
        }
        Matcher content = CONTENT.matcher(path);
        if (content.matches() && content.group(3).equals("content") && content.group(4) == null) {
            ArrayNode listed = ((ArrayNode) real.data()).deepCopy();
            volumes.stream().filter(v -> v.get("storage").asText().equals(content.group(2))
                    && (v.get("node").asText().equals(content.group(1)) || shared(content.group(1), content.group(2))))
                    .forEach(listed::add);
            return new ApiResponse(listed, real.total());
        }
        return real;
    }

    /**
     * Whether a storage is one the nodes share (NFS, CephFS): an ISO planned onto it through one
     * node is there for the others, as {@code ClusterRun} uploads it once.
     */
    private boolean shared(String node, String storage) {
        String path = ApiPath.of("nodes", node, "storage", storage, "status");
        return WireMapper.storageStatus(reads.call(ApiRequest.get(path, ResourceRef.storage(node, storage))).data(),
                storage).shared();
    }

    private JsonNode plannedVm(int vmid, String what) {
        PlannedVm vm = vms.get(vmid);
        switch (what) {
            case "/config" -> {
                ObjectNode config = JSON.objectNode();
                vm.config.forEach(config::put);
                return config.put("digest", "0000000000000000000000000000000000000000");
            }
            case "/status/current" -> {
                return JSON.objectNode().put("vmid", vmid).put("status", vm.running ? "running" : "stopped")
                        .put("name", vm.config.getOrDefault("name", "")).put("agent", 1)
                        .put("tags", vm.config.getOrDefault("tags", ""))
                        .put("template", "1".equals(vm.config.get("template")) ? 1 : 0);
            }
            case "/agent/file-read" -> {
                // The installer as it ends: done, then the VM powers itself off.
                vm.running = false;
                InstallProgress done = new InstallProgress(1, InstallProgress.Phase.DONE, 100,
                        "installation complete (planned)", clock.instant(), clock.instant(), List.of());
                return JSON.objectNode().put("content", done.toJson());
            }
            case "/agent/network-get-interfaces" -> {
                ObjectNode address = JSON.objectNode().put("ip-address-type", "ipv4")
                        .put("ip-address", PLANNED_ADDRESS).put("prefix", 24);
                ObjectNode nic = JSON.objectNode().put("name", "eth0");
                nic.putArray("ip-addresses").add(address);
                ObjectNode answer = JSON.objectNode();
                answer.putArray("result").add(nic);
                return answer;
            }
            default -> {
                return JSON.objectNode();
            }
        }
    }

    private ArrayNode withPlannedGuests(ArrayNode real) {
        ArrayNode listed = real.deepCopy();
        vms.forEach((vmid, vm) -> {
            if (!vm.destroyed && !vm.node.isEmpty()) {
                listed.add(JSON.objectNode().put("id", "qemu/" + vmid).put("type", "qemu").put("node", vm.node)
                        .put("vmid", vmid).put("name", vm.config.getOrDefault("name", ""))
                        .put("status", vm.running ? "running" : "stopped")
                        .put("template", "1".equals(vm.config.get("template")) ? 1 : 0)
                        .put("tags", vm.config.getOrDefault("tags", "")));
            }
        });
        return listed;
    }

    private static String taskType(String action) {
        return switch (action) {
            case "/status/start" -> "qmstart";
            case "/status/stop" -> "qmstop";
            case "/status/shutdown" -> "qmshutdown";
            case "/template" -> "qmtemplate";
            case "/clone" -> "qmclone";
            case "" -> "qmdestroy";
            default -> "qmconfig";
        };
    }

    private String upid(String node, String type, String id) {
        tasks++;
        return String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, tasks, tasks, clock.instant().getEpochSecond(),
                type, id, PLANNER);
    }
}

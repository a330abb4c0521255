package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.AgentFile;
import dev.nixpve.proxmox.model.Bridge;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.NetworkInterface;
import dev.nixpve.proxmox.model.NodeInfo;
import dev.nixpve.proxmox.model.Permissions;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveVersion;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.StorageInfo;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.TaskLog;
import dev.nixpve.proxmox.model.TaskLogLine;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.proxmox.model.VmStatus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.wire.ApiPath;
import dev.nixpve.proxmox.wire.ApiRequest;
import dev.nixpve.proxmox.wire.ApiResponse;
import dev.nixpve.proxmox.wire.ApiTransport;
import dev.nixpve.proxmox.wire.MultipartUpload;
import dev.nixpve.proxmox.wire.WireMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Proxmox VE API as nixpve uses it: typed calls in, domain records out. Mutating calls return
 * the task's {@link Upid}; wait for it with {@link TaskWaiter}. Errors arrive as
 * {@link ProxmoxException}s carrying the node, VM, storage or task concerned.
 */
public final class ProxmoxClient implements AutoCloseable {

    private static final Pattern UPLOAD_NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,255}$");

    private final ApiTransport transport;

    public ProxmoxClient(ApiTransport transport) {
        this.transport = transport;
    }

    /** This client's calls through {@code wrap} (e.g. the dry run's planning transport); closing either closes both. */
    public ProxmoxClient through(java.util.function.UnaryOperator<ApiTransport> wrap) {
        return new ProxmoxClient(wrap.apply(transport));
    }

    /** Who the client authenticates as, safe to print ("API token root@pam!nixpve=***"). */
    public String identity() {
        return transport.identity();
    }

    // --- discovery -------------------------------------------------------------------------

    public PveVersion version() {
        return WireMapper.version(get(ApiPath.of("version"), ResourceRef.none()));
    }

    public List<NodeInfo> nodes() {
        return WireMapper.nodes(get(ApiPath.of("nodes"), ResourceRef.none()));
    }

    /** The caller's effective privileges on one ACL path, as PVE computes them (inheritance included). */
    public Permissions permissions(String aclPath) {
        JsonNode data = call(ApiRequest.get(ApiPath.of("access", "permissions"), PveParams.of().put("path", aclPath),
                ResourceRef.none()));
        return WireMapper.permissions(data, aclPath);
    }

    /** A free VMID suggestion; it reserves nothing (create with an explicit id and retry on a clash). */
    public int nextFreeVmid() {
        return Integer.parseInt(get(ApiPath.of("cluster", "nextid"), ResourceRef.none()).asText().strip());
    }

    /** Whether {@code vmid} is free: PVE echoes a free id and answers 400 for a taken one. */
    public boolean isVmidFree(int vmid) {
        try {
            call(ApiRequest.get(ApiPath.of("cluster", "nextid"), PveParams.of().put("vmid", vmid), ResourceRef.none()));
            return true;
        } catch (PveApiException e) {
            if (e.kind() == PveApiException.Kind.INVALID_PARAMETER && e.parameterErrors().containsKey("vmid")) {
                return false;
            }
            throw e;
        }
    }

    /** Cluster-wide resources; {@code type} is "vm", "storage" or "node", or empty for all. */
    public List<ClusterResource> resources(Optional<String> type) {
        PveParams query = PveParams.of();
        type.ifPresent(t -> query.put("type", t));
        return WireMapper.resources(call(ApiRequest.get(ApiPath.of("cluster", "resources"), query, ResourceRef.none())));
    }

    // --- storage ---------------------------------------------------------------------------

    public List<StorageInfo> storages(String node) {
        return WireMapper.storages(get(ApiPath.of("nodes", node, "storage"), ResourceRef.node(node)));
    }

    /** The node's bridges (Linux and OVS), which a VM's network card can join. */
    public List<Bridge> bridges(String node) {
        return WireMapper.bridges(call(ApiRequest.get(ApiPath.of("nodes", node, "network"),
                PveParams.of().put("type", "any_bridge"), ResourceRef.node(node))));
    }

    /**
     * The SDN zone of the VNet named {@code bridge}, or empty for a plain Linux bridge. Reading a
     * VNet needs SDN.Audit or SDN.Allocate on it; a token with SDN.Use alone is refused, and PVE's
     * refusal names the VNet's path {@code /sdn/zones/<zone>/<vnet>}, which is where the zone is
     * taken from then (pve-network API2/Network/SDN/Vnets.pm, read).
     */
    public Optional<String> sdnZone(String bridge) {
        try {
            JsonNode vnet = get(ApiPath.of("cluster", "sdn", "vnets", bridge), ResourceRef.none());
            return Optional.ofNullable(vnet.path("zone").textValue());
        } catch (PveApiException e) {
            if (e.kind() == PveApiException.Kind.NOT_FOUND || e.kind() == PveApiException.Kind.NOT_IMPLEMENTED) {
                return Optional.empty();
            }
            Optional<String> zone = e.missingPrivilege().map(PveApiException.MissingPrivilege::path)
                    .filter(path -> path.startsWith("/sdn/zones/") && path.endsWith("/" + bridge))
                    .map(path -> path.substring("/sdn/zones/".length(), path.length() - bridge.length() - 1));
            if (zone.isPresent()) {
                return zone;
            }
            throw e;
        }
    }

    public StorageInfo storageStatus(String node, String storage) {
        return WireMapper.storageStatus(get(ApiPath.of("nodes", node, "storage", storage, "status"),
                ResourceRef.storage(node, storage)), storage);
    }

    public List<StorageVolume> storageContent(String node, String storage, Optional<String> contentType) {
        PveParams query = PveParams.of();
        contentType.ifPresent(c -> query.put("content", c));
        return WireMapper.volumes(call(ApiRequest.get(ApiPath.of("nodes", node, "storage", storage, "content"), query,
                ResourceRef.storage(node, storage))));
    }

    /** Deletes a volume; empty when PVE finished within its own short delay and returned no task. */
    public Optional<Upid> deleteVolume(String node, String storage, String volid) {
        return optionalUpid(call(ApiRequest.delete(ApiPath.of("nodes", node, "storage", storage, "content", volid),
                PveParams.of(), ResourceRef.storage(node, storage))));
    }

    /**
     * Uploads a file (an ISO) to a storage. PVE spools it, then copies it in an {@code imgcopy} task
     * that also verifies the sha256: wait for the returned task to know the upload succeeded.
     */
    public Upid upload(String node, String storage, UploadRequest request, EventSink events) {
        if (!UPLOAD_NAME.matcher(request.filename()).matches()) {
            throw new IllegalArgumentException("upload file name '" + request.filename()
                    + "' must use only letters, digits, '_', '.' and '-' (PVE rewrites anything else)");
        }
        MultipartUpload body;
        try {
            body = new MultipartUpload(request.contentType(), request.filename(), request.sha256(), request.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + request.file(), e);
        }
        ApiRequest post = ApiRequest.post(ApiPath.of("nodes", node, "storage", storage, "upload"), PveParams.of(),
                ResourceRef.storage(node, storage));
        return Upid.parse(transport.upload(post, body, "upload " + request.filename(), events).data().asText());
    }

    // --- VMs -------------------------------------------------------------------------------

    public Upid createVm(String node, int vmid, PveParams params) {
        PveParams form = PveParams.of().put("vmid", vmid).putAll(params);
        return upid(call(ApiRequest.post(ApiPath.of("nodes", node, "qemu"), form, ResourceRef.vm(node, vmid))));
    }

    public VmConfig vmConfig(String node, int vmid) {
        return WireMapper.vmConfig(get(ApiPath.of("nodes", node, "qemu", vmid, "config"), ResourceRef.vm(node, vmid)));
    }

    /** Asynchronous config change ({@code POST}); the digest guards against a concurrent change. */
    public Optional<Upid> updateVmConfig(String node, int vmid, PveParams changes, Optional<String> digest) {
        PveParams form = PveParams.of().putAll(changes);
        digest.ifPresent(d -> form.put("digest", d));
        return optionalUpid(call(ApiRequest.post(ApiPath.of("nodes", node, "qemu", vmid, "config"), form,
                ResourceRef.vm(node, vmid))));
    }

    /** Synchronous config change ({@code PUT}); returns when the change is written. */
    public void setVmConfig(String node, int vmid, PveParams changes, Optional<String> digest) {
        PveParams form = PveParams.of().putAll(changes);
        digest.ifPresent(d -> form.put("digest", d));
        call(ApiRequest.put(ApiPath.of("nodes", node, "qemu", vmid, "config"), form, ResourceRef.vm(node, vmid)));
    }

    public VmStatus vmStatus(String node, int vmid) {
        return WireMapper.vmStatus(get(ApiPath.of("nodes", node, "qemu", vmid, "status", "current"),
                ResourceRef.vm(node, vmid)), vmid);
    }

    public Upid startVm(String node, int vmid) {
        return power(node, vmid, "start", PveParams.of());
    }

    /** Hard power-off. */
    public Upid stopVm(String node, int vmid) {
        return power(node, vmid, "stop", PveParams.of());
    }

    /** ACPI or guest-agent shutdown; {@code forceStop} kills the VM when the guest ignores it. */
    public Upid shutdownVm(String node, int vmid, int timeoutSeconds, boolean forceStop) {
        return power(node, vmid, "shutdown", PveParams.of().put("timeout", timeoutSeconds).put("forceStop", forceStop));
    }

    /** Converts a stopped VM into a template; empty on PVE up to 7.0, which did it synchronously. */
    public Optional<Upid> convertToTemplate(String node, int vmid) {
        return optionalUpid(call(ApiRequest.post(ApiPath.of("nodes", node, "qemu", vmid, "template"), PveParams.of(),
                ResourceRef.vm(node, vmid))));
    }

    /** Clones a VM or template; the task's id is the source VMID. */
    public Upid cloneVm(String node, int sourceVmid, CloneRequest request) {
        return upid(call(ApiRequest.post(ApiPath.of("nodes", node, "qemu", sourceVmid, "clone"), request.toParams(),
                ResourceRef.vm(node, sourceVmid))));
    }

    /** Destroys a VM with its disks; {@code purge} also removes it from backup, replication and HA jobs. */
    public Upid deleteVm(String node, int vmid, boolean purge, boolean destroyUnreferencedDisks) {
        PveParams query = PveParams.of().put("purge", purge).put("destroy-unreferenced-disks", destroyUnreferencedDisks);
        return upid(call(ApiRequest.delete(ApiPath.of("nodes", node, "qemu", vmid), query, ResourceRef.vm(node, vmid))));
    }

    // --- guest agent -----------------------------------------------------------------------

    /** Succeeds when the guest agent answers; a 500 "QEMU guest agent is not running" otherwise. */
    public void agentPing(String node, int vmid) {
        call(ApiRequest.post(ApiPath.of("nodes", node, "qemu", vmid, "agent", "ping"), PveParams.of(),
                ResourceRef.vm(node, vmid)));
    }

    public AgentFile agentFileRead(String node, int vmid, String path) {
        JsonNode data = call(ApiRequest.get(ApiPath.of("nodes", node, "qemu", vmid, "agent", "file-read"),
                PveParams.of().put("file", path), ResourceRef.vm(node, vmid)));
        return WireMapper.agentFile(data);
    }

    public List<NetworkInterface> agentNetworkInterfaces(String node, int vmid) {
        return WireMapper.interfaces(get(ApiPath.of("nodes", node, "qemu", vmid, "agent", "network-get-interfaces"),
                ResourceRef.vm(node, vmid)));
    }

    // --- tasks -----------------------------------------------------------------------------

    public TaskStatus taskStatus(Upid upid) {
        return WireMapper.taskStatus(get(ApiPath.of("nodes", upid.node(), "tasks", upid.raw(), "status"),
                ResourceRef.task(upid)), upid);
    }

    /**
     * The node's tasks of {@code type} still running, from PVE's list of active tasks: one that has
     * ended has an end time there. Read from the list, not each task's status, so it answers when
     * a status read is what failed.
     */
    public List<Upid> runningTasks(String node, String type) {
        JsonNode data = call(ApiRequest.get(ApiPath.of("nodes", node, "tasks"), PveParams.of().put("source", "active")
                .put("typefilter", type), ResourceRef.node(node)));
        List<Upid> running = new java.util.ArrayList<>();
        for (JsonNode task : data) {
            String upid = task.path("upid").asText();
            if (!task.hasNonNull("endtime") && Upid.looksLikeUpid(upid) && Upid.parse(upid).type().equals(type)) {
                running.add(Upid.parse(upid));
            }
        }
        return running;
    }

    /** Log lines from {@code start} (0-based), at most {@code limit}, with the log's total line count. */
    public TaskLog taskLog(Upid upid, int start, int limit) {
        ApiResponse response = transport.call(ApiRequest.get(ApiPath.of("nodes", upid.node(), "tasks", upid.raw(), "log"),
                PveParams.of().put("start", start).put("limit", limit), ResourceRef.task(upid)));
        List<TaskLogLine> lines = WireMapper.taskLog(response.data());
        return new TaskLog(lines, response.total().orElse(start + lines.size()));
    }

    /** The last {@code count} lines of a task's log: what an error report shows. */
    public List<TaskLogLine> taskLogTail(Upid upid, int count) {
        long total = taskLog(upid, 0, 1).total();
        return taskLog(upid, (int) Math.max(0, total - count), count).lines();
    }

    @Override
    public void close() {
        transport.close();
    }

    // --- helpers ---------------------------------------------------------------------------

    private Upid power(String node, int vmid, String action, PveParams params) {
        return upid(call(ApiRequest.post(ApiPath.of("nodes", node, "qemu", vmid, "status", action), params,
                ResourceRef.vm(node, vmid))));
    }

    private JsonNode get(String path, ResourceRef resource) {
        return call(ApiRequest.get(path, resource));
    }

    private JsonNode call(ApiRequest request) {
        return transport.call(request).data();
    }

    private static Upid upid(JsonNode data) {
        return Upid.parse(data.asText());
    }

    private static Optional<Upid> optionalUpid(JsonNode data) {
        return data == null || data.isNull() || data.isMissingNode() ? Optional.empty()
                : Optional.of(Upid.parse(data.asText()));
    }
}

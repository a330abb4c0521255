package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.proxmox.model.Tags;
import dev.nixpve.proxmox.model.AgentFile;
import dev.nixpve.proxmox.model.Bridge;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.NetworkInterface;
import dev.nixpve.proxmox.model.NodeInfo;
import dev.nixpve.proxmox.model.Permissions;
import dev.nixpve.proxmox.model.PveVersion;
import dev.nixpve.proxmox.model.StorageInfo;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.TaskLogLine;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.proxmox.model.VmStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one place where wire shapes become domain records; defaults for absent keys live here. */
public final class WireMapper {

    private WireMapper() {
    }

    public static PveVersion version(JsonNode data) {
        WireDtos.Version v = PveJson.convert(data, WireDtos.Version.class);
        return new PveVersion(v.version(), nz(v.release()), nz(v.repoId()));
    }

    public static List<NodeInfo> nodes(JsonNode data) {
        return list(data, WireDtos.Node.class, n -> new NodeInfo(n.node(), nz(n.status()),
                Optional.ofNullable(n.sslFingerprint()), d(n.cpu()), i(n.maxCpu()), l(n.mem()), l(n.maxMem()),
                l(n.uptime())));
    }

    public static List<StorageInfo> storages(JsonNode data) {
        return list(data, WireDtos.Storage.class, s -> storage(s, s.storage()));
    }

    public static StorageInfo storageStatus(JsonNode data, String storage) {
        return storage(PveJson.convert(data, WireDtos.Storage.class), storage);
    }

    private static StorageInfo storage(WireDtos.Storage s, String name) {
        // "enabled" is absent for enabled storages in several versions; only an explicit 0 disables.
        return new StorageInfo(name, nz(s.type()), splitList(s.content()), b(s.active(), false),
                b(s.enabled(), true), b(s.shared(), false), l(s.total()), l(s.used()), l(s.avail()));
    }

    public static List<Bridge> bridges(JsonNode data) {
        return list(data, WireDtos.NetworkDevice.class, d -> new Bridge(nz(d.iface()), nz(d.type()),
                b(d.active(), false)));
    }

    public static List<StorageVolume> volumes(JsonNode data) {
        return list(data, WireDtos.Volume.class, v -> new StorageVolume(v.volid(), nz(v.content()), nz(v.format()),
                l(v.size()), Optional.ofNullable(v.ctime()).map(Instant::ofEpochSecond),
                Optional.ofNullable(v.vmid()).filter(id -> id > 0), Optional.ofNullable(v.notes())));
    }

    public static List<ClusterResource> resources(JsonNode data) {
        return list(data, WireDtos.Resource.class, r -> new ClusterResource(r.id(), nz(r.type()),
                Optional.ofNullable(r.node()), Optional.ofNullable(r.status()), Optional.ofNullable(r.name()),
                Optional.ofNullable(r.vmid()), b(r.template(), false), Tags.parse(r.tags()),
                Optional.ofNullable(r.lock()), Optional.ofNullable(r.storage())));
    }

    public static VmStatus vmStatus(JsonNode data, int vmid) {
        WireDtos.VmCurrent s = PveJson.convert(data, WireDtos.VmCurrent.class);
        return new VmStatus(s.vmid() == null ? vmid : s.vmid(), nz(s.status()), Optional.ofNullable(s.qmpStatus()),
                Optional.ofNullable(s.name()), b(s.template(), false), Optional.ofNullable(s.lock()),
                l(s.uptime()), b(s.agent(), false), Tags.parse(s.tags()));
    }

    /** Every config value as text: numbers and booleans keep the digits PVE wrote. */
    public static VmConfig vmConfig(JsonNode data) {
        Map<String, String> values = new LinkedHashMap<>();
        String digest = "";
        for (Map.Entry<String, JsonNode> field : iterable(data)) {
            if (field.getKey().equals("digest")) {
                digest = field.getValue().asText();
            } else if (!field.getValue().isNull()) {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        return new VmConfig(values, digest);
    }

    public static TaskStatus taskStatus(JsonNode data, Upid upid) {
        WireDtos.Task t = PveJson.convert(data, WireDtos.Task.class);
        boolean running = "running".equals(t.status());
        return new TaskStatus(upid, running, running ? Optional.empty() : Optional.ofNullable(t.exitStatus()));
    }

    public static List<TaskLogLine> taskLog(JsonNode data) {
        return list(data, WireDtos.LogLine.class, line -> new TaskLogLine(i(line.n()), nz(line.t())));
    }

    public static List<NetworkInterface> interfaces(JsonNode data) {
        JsonNode result = data.has("result") ? data.get("result") : data;
        return list(result, WireDtos.AgentInterface.class, i -> new NetworkInterface(i.name(),
                Optional.ofNullable(i.hardwareAddress()), i.ipAddresses() == null ? List.of()
                : i.ipAddresses().stream().map(a -> new NetworkInterface.IpAddress(a.address(), nz(a.type()),
                        i(a.prefix()))).toList()));
    }

    public static AgentFile agentFile(JsonNode data) {
        WireDtos.FileRead f = PveJson.convert(data, WireDtos.FileRead.class);
        return new AgentFile(nz(f.content()), b(f.truncated(), false));
    }

    /** {@code {"/vms": {"VM.Audit": 1, ...}}}: the privileges on each path (the value is "propagate"). */
    public static Permissions permissions(JsonNode data, String path) {
        Set<String> privileges = new HashSet<>();
        JsonNode forPath = data.path(path);
        forPath.fieldNames().forEachRemaining(privileges::add);
        return new Permissions(path, privileges);
    }

    /** PVE lists ("iso,vztmpl", tags "a;b") may be separated by ',', ';' or white space. */
    static Set<String> splitList(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static <D, T> List<T> list(JsonNode data, Class<D> type, Function<D, T> map) {
        List<T> out = new ArrayList<>();
        if (data != null && data.isArray()) {
            data.forEach(item -> out.add(map.apply(PveJson.convert(item, type))));
        }
        return List.copyOf(out);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode data) {
        return data == null ? List.of() : data::fields;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static long l(Long v) {
        return v == null ? 0 : v;
    }

    private static int i(Integer v) {
        return v == null ? 0 : v;
    }

    private static double d(Double v) {
        return v == null ? 0 : v;
    }

    private static boolean b(Boolean v, boolean absent) {
        return v == null ? absent : v;
    }
}

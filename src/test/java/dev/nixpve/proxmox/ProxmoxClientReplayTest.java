package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.AgentFile;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.NetworkInterface;
import dev.nixpve.proxmox.model.NodeInfo;
import dev.nixpve.proxmox.model.Permissions;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveVersion;
import dev.nixpve.proxmox.model.StorageInfo;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.TaskLog;
import dev.nixpve.proxmox.model.TaskLogLine;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.proxmox.model.VmStatus;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each call of the client against real recorded PVE responses (PVE 6.2, 7 and 8 shapes). */
class ProxmoxClientReplayTest {

    private final PveWireMock pve = new PveWireMock();
    private final ProxmoxClient client = pve.client();

    @AfterEach
    void stop() {
        client.close();
        pve.close();
    }

    @Test
    void readsThePve6VersionAndItsMajor() {
        pve.replay("GET", "/version", "version.get.200.pve62.json");

        PveVersion version = client.version();

        assertEquals("6.2-4", version.version());
        assertEquals(6, version.major());
        assertEquals(2, version.minor());
        assertEquals("9824574a", version.repoId());
        pve.server().verify(getRequestedFor(urlPathEqualTo("/api2/json/version"))
                .withHeader("Authorization", equalTo("PVEAPIToken=root@pam!nixpve=" + PveWireMock.TOKEN_SECRET)));
    }

    @Test
    void readsPve8NodesWithTheirCertificateFingerprint() {
        pve.replay("GET", "/nodes", "nodes.get.200.pve8.json");

        List<NodeInfo> nodes = client.nodes();

        NodeInfo first = nodes.get(0);
        assertEquals("node1", first.name());
        assertTrue(first.online());
        assertEquals("80:D4:F2:DF:64:95:CD:8D:A0:82:82:AC:48:BA:C0:7A:1B:6B:87:8B:FE:B9:83:1C:95:4E:79:58:77:99:69:F5",
                first.sslFingerprint().orElseThrow());
        assertEquals(33568288768L, first.maxMemory());
    }

    @Test
    void readsStoragesWithContentTypesInAnyOrder() {
        pve.replay("GET", "/nodes/pve/storage", "nodes-storage.get.200.pve62.json");

        List<StorageInfo> storages = client.storages("pve");

        StorageInfo local = storages.get(0);
        assertEquals("local", local.storage());
        assertEquals(Set.of("backup", "vztmpl", "iso"), local.content());
        assertTrue(local.supports("iso"));
        assertFalse(local.isLvm());
        assertEquals(691355648L, local.available());
        StorageInfo lvm = storages.get(1);
        assertTrue(lvm.isLvm());
        assertTrue(lvm.supports("images"));
        assertTrue(lvm.enabled());
        assertFalse(lvm.shared());
    }

    @Test
    void readsLvmThinContentWhoseCtimeIsAString() {
        pve.replay("GET", "/nodes/pve/storage/local-lvm/content", "storage-content.get.200.lvmthin.pve62.json");

        StorageVolume volume = client.storageContent("pve", "local-lvm", Optional.of("images")).get(0);

        assertEquals("local-lvm:base-101-disk-0", volume.volid());
        assertEquals("base-101-disk-0", volume.volumeName());
        assertEquals(Instant.ofEpochSecond(1606311524L), volume.created().orElseThrow());
        assertEquals(101, volume.vmid().orElseThrow());
        assertEquals(1073741824L, volume.size());
        pve.server().verify(getRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/storage/local-lvm/content"))
                .withQueryParam("content", equalTo("images")));
    }

    @Test
    void nextIdArrivesAsAStringAndATakenIdAsA400() {
        pve.replay("GET", "/cluster/nextid", "cluster-nextid.get.200.pve62.json");
        assertEquals(100, client.nextFreeVmid());

        pve.server().resetMappings();
        pve.replay("GET", "/cluster/nextid", "cluster-nextid.get.400-exists.pve62.json");
        assertFalse(client.isVmidFree(100));
    }

    @Test
    void readsPve8ClusterResources() {
        pve.replay("GET", "/cluster/resources", "cluster-resources.get.200.pve8.json");

        List<ClusterResource> resources = client.resources(Optional.of("vm"));

        ClusterResource vm = resources.stream().filter(ClusterResource::isQemuGuest).findFirst().orElseThrow();
        assertEquals("server1", vm.name().orElseThrow());
        assertEquals(100, vm.vmid().orElseThrow());
        assertEquals("node2", vm.node().orElseThrow());
        pve.server().verify(getRequestedFor(urlPathEqualTo("/api2/json/cluster/resources"))
                .withQueryParam("type", equalTo("vm")));
    }

    @Test
    void createSendsAFormWithBooleansAsOneAndZeroAndReturnsTheTask() {
        pve.replay("POST", "/nodes/pve/qemu", "qemu-create.post.200.pve62.json");

        Upid upid = client.createVm("pve", 100, PveParams.of().put("name", "nixos-build").put("memory", 4096)
                .put("scsi0", "local-lvm:20").put("start", false));

        assertEquals("qmcreate", upid.type());
        assertEquals("100", upid.id());
        assertEquals("pve", upid.node());
        pve.server().verify(postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("vmid=100&name=nixos-build&memory=4096&scsi0=local-lvm%3A20&start=0")));
    }

    @Test
    void duplicateVmidOnAnOldServerIsReadFromTheReasonPhrase() {
        pve.replay("POST", "/nodes/pve/qemu", "qemu-create.post.500-duplicate-vmid.pve62.json");

        PveApiException error = org.junit.jupiter.api.Assertions.assertThrows(PveApiException.class,
                () -> client.createVm("pve", 100, PveParams.of()));

        assertEquals(PveApiException.Kind.ALREADY_EXISTS, error.kind());
        assertEquals("unable to create VM 100 - VM 100 already exists on node 'pve'", error.pveMessage());
        assertEquals(100, error.resource().vmid().orElseThrow());
        assertTrue(error.getMessage().contains("VM 100 on node pve"), error.getMessage());
    }

    @Test
    void missingVmIsNotFoundAlthoughPveSays500() {
        pve.replay("GET", "/nodes/pve/qemu/101/status/current", "qemu-status-current.get.500-missing.pve62.json");

        PveApiException error = org.junit.jupiter.api.Assertions.assertThrows(PveApiException.class,
                () -> client.vmStatus("pve", 101));

        assertEquals(PveApiException.Kind.NOT_FOUND, error.kind());
        assertEquals(500, error.httpStatus());
        assertTrue(error.pveMessage().contains("qemu-server/101.conf' does not exist"));
    }

    @Test
    void newServersCarryTheFullMessageInTheBody() {
        pve.replay("POST", "/nodes/pve/qemu", "error.500-with-message.pve84plus.json");

        PveApiException error = org.junit.jupiter.api.Assertions.assertThrows(PveApiException.class,
                () -> client.createVm("pve", 100, PveParams.of()));

        assertEquals(PveApiException.Kind.SERVER, error.kind());
        assertTrue(error.pveMessage().contains("ipam: ipam-simple not existing"), error.pveMessage());
    }

    @Test
    void statusOfAStoppedPve6VmWithStringVmidAndEmptyTemplateFlag() {
        pve.replay("GET", "/nodes/pve/qemu/100/status/current", "qemu-status-current.get.200.stopped.pve62.json");

        VmStatus status = client.vmStatus("pve", 100);

        assertEquals(100, status.vmid());
        assertTrue(status.stopped());
        assertFalse(status.template());
        assertEquals("stopped", status.qmpStatus().orElseThrow());
    }

    @Test
    void statusOfARunningPve8VmWithAgent() {
        pve.replay("GET", "/nodes/node1/qemu/100/status/current", "qemu-status-current.get.200.running.pve8.json");

        VmStatus status = client.vmStatus("node1", 100);

        assertTrue(status.running());
        assertTrue(status.agentEnabled());
        assertTrue(status.uptimeSeconds() > 0);
    }

    @Test
    void configKeepsValuesAsTextAndTheDigestApart() {
        pve.replay("GET", "/nodes/pve/qemu/101/config", "qemu-config.get.200.pve62.json");

        VmConfig config = client.vmConfig("pve", 101);

        assertEquals("a5e7326c408ed60811d83f7bd785c1dc885164e0", config.digest());
        assertEquals("Copy-of-VM-100", config.name().orElseThrow());
        assertEquals("local-lvm:vm-101-disk-0,backup=0,replicate=0,size=1G", config.get("virtio0").orElseThrow());
        assertFalse(config.values().containsKey("digest"));
        assertFalse(config.isTemplate());
    }

    @Test
    void aFreshPve7ConfigHasOnlyGeneratedKeys() {
        pve.replay("GET", "/nodes/pve/qemu/101/config", "qemu-config.get.200.fresh.pve7.json");

        VmConfig config = client.vmConfig("pve", 101);

        assertEquals(" ", config.get("boot").orElseThrow());
        assertEquals(Set.of("vmgenid", "meta", "smbios1", "boot"), config.values().keySet());
    }

    @Test
    void configUpdateSendsTheDigest() {
        pve.answer("POST", "/nodes/pve/qemu/101/config", 200, "OK",
                "{\"data\":\"UPID:pve:00000AC5:0000CCB6:5FBE5E63:qmconfig:101:root@pam:\"}");

        Optional<Upid> task = client.updateVmConfig("pve", 101, PveParams.of().put("delete", "ide2"),
                Optional.of("a5e7326c408ed60811d83f7bd785c1dc885164e0"));

        assertEquals("qmconfig", task.orElseThrow().type());
        pve.server().verify(postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu/101/config"))
                .withRequestBody(equalTo("delete=ide2&digest=a5e7326c408ed60811d83f7bd785c1dc885164e0")));
    }

    @Test
    void templateConversionWasSynchronousUpToPve70AndIsATaskLater() {
        pve.replay("POST", "/nodes/pve/qemu/100/template", "qemu-template.post.200.pve62.json");
        assertTrue(client.convertToTemplate("pve", 100).isEmpty());

        pve.server().resetMappings();
        pve.answer("POST", "/nodes/pve/qemu/100/template", 200, "OK",
                "{\"data\":\"UPID:pve1:0001A2B3:00C4D5E6:6740A1B2:qmtemplate:100:root@pam!nixpve:\"}");
        Upid upid = client.convertToTemplate("pve", 100).orElseThrow();
        assertEquals("root@pam!nixpve", upid.user());
    }

    @Test
    void cloneTaskIsNamedAfterTheSource() {
        pve.replay("POST", "/nodes/pve/qemu/100/clone", "qemu-clone.post.200.pve62.json");

        Upid upid = client.cloneVm("pve", 100, CloneRequest.full(101, "smoke-101", "local-lvm"));

        assertEquals("qmclone", upid.type());
        assertEquals("100", upid.id());
        pve.server().verify(postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu/100/clone"))
                .withRequestBody(equalTo("newid=101&full=1&name=smoke-101&storage=local-lvm")));
    }

    @Test
    void deleteCarriesItsParametersInTheQueryAndNoBody() {
        pve.replay("DELETE", "/nodes/pve/qemu/101", "qemu-delete.delete.200.pve62.json");

        Upid upid = client.deleteVm("pve", 101, true, true);

        assertEquals("qmdestroy", upid.type());
        pve.server().verify(deleteRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu/101"))
                .withQueryParam("purge", equalTo("1")).withQueryParam("destroy-unreferenced-disks", equalTo("1")));
        // PVE answers 501 to a DELETE with a body.
        assertEquals(0, pve.server().getAllServeEvents().get(0).getRequest().getBody().length);
    }

    @Test
    void taskStatusAcrossVersions() {
        Upid running = Upid.parse("UPID:proxmox-noris:00011DE0:0022900B:645CE78E:qmcreate:101:root@pam:");
        pve.replay("GET", "/nodes/proxmox-noris/tasks/" + running.raw() + "/status",
                "task-status.qmcreate.running.pve7.json");
        assertTrue(client.taskStatus(running).running());

        Upid ok = Upid.parse("UPID:pve:00000780:00009597:5FBE5DD6:qmcreate:100:root@pam:");
        pve.replay("GET", "/nodes/pve/tasks/" + ok.raw() + "/status", "task-status.qmcreate.stopped-ok.pve62.json");
        assertTrue(client.taskStatus(ok).succeeded());

        Upid failed = Upid.parse("UPID:pve:000008D8:00009E0D:5FBE5DEC:vncproxy:100:root@pam:");
        pve.replay("GET", "/nodes/pve/tasks/" + failed.raw() + "/status",
                "task-status.vncproxy.stopped-error.pve62.json");
        TaskStatus status = client.taskStatus(failed);
        assertTrue(status.failed());
        assertEquals("connection timed out", status.exitStatus().orElseThrow());
    }

    @Test
    void taskLogPagesWithTotal() {
        Upid upid = Upid.parse("UPID:pve:00000A72:0000C9CC:5FBE5E5C:qmcreate:100:root@pam:");
        pve.replay("GET", "/nodes/pve/tasks/" + upid.raw() + "/log", "task-log.qmcreate.pve62.json");

        TaskLog log = client.taskLog(upid, 0, 50);

        assertEquals(1, log.total());
        assertEquals(new TaskLogLine(1, "TASK OK"), log.lines().get(0));
        pve.server().verify(getRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/tasks/" + upid.raw() + "/log"))
                .withQueryParam("start", equalTo("0")).withQueryParam("limit", equalTo("50")));
    }

    @Test
    void imgcopyTaskLogWithoutTotalStillReads() {
        Upid upid = Upid.parse("UPID:i7:0000A1B2:0001C3D4:65A0B1C2:imgcopy::root@pam:");
        pve.replay("GET", "/nodes/i7/tasks/" + upid.raw() + "/log", "task-log.imgcopy.data-only.json");

        TaskLog log = client.taskLog(upid, 0, 50);

        assertTrue(log.lines().get(0).text().startsWith("starting file import from"));
        assertEquals(log.lines().size(), log.total());
    }

    @Test
    void guestAgentInterfacesYieldTheFirstRoutableIpv4() {
        pve.replay("GET", "/nodes/pve/qemu/101/agent/network-get-interfaces",
                "qemu-agent-network-get-interfaces.data-only.pve62.json");

        List<NetworkInterface> interfaces = client.agentNetworkInterfaces("pve", 101);

        assertEquals("lo", interfaces.get(0).name());
        String ip = NetworkInterface.firstRoutableIpv4(interfaces).orElseThrow();
        assertFalse(ip.startsWith("127."), ip);
    }

    @Test
    void agentFileReadSendsThePathInTheQuery() {
        pve.answer("GET", "/nodes/pve1/qemu/9100/agent/file-read", 200, "OK",
                "{\"data\":{\"content\":\"{\\\"phase\\\":\\\"install\\\"}\",\"bytes-read\":19}}");

        AgentFile file = client.agentFileRead("pve1", 9100, "/run/nixpve/progress.json");

        assertEquals("{\"phase\":\"install\"}", file.content());
        assertFalse(file.truncated());
        pve.server().verify(getRequestedFor(urlPathEqualTo("/api2/json/nodes/pve1/qemu/9100/agent/file-read"))
                .withQueryParam("file", equalTo("/run/nixpve/progress.json")));
    }

    /** PVE adds truncated: 1 only when its 16 MiB read did not reach the end (API2/Qemu/Agent.pm). */
    @Test
    void agentFileReadKnowsATruncatedAnswer() {
        pve.answer("GET", "/nodes/pve1/qemu/9100/agent/file-read", 200, "OK",
                "{\"data\":{\"content\":\"0123\",\"bytes-read\":16777216,\"truncated\":1}}");

        assertTrue(client.agentFileRead("pve1", 9100, "/var/log/big").truncated());
    }

    @Test
    void permissionsAreAskedPerPath() {
        pve.answer("GET", "/access/permissions", 200, "OK",
                "{\"data\":{\"/vms/9100\":{\"VM.Allocate\":1,\"VM.Audit\":0}}}");

        Permissions permissions = client.permissions("/vms/9100");

        assertTrue(permissions.has("VM.Allocate"));
        assertTrue(permissions.has("VM.Audit"));
        assertFalse(permissions.has("VM.Clone"));
        pve.server().verify(getRequestedFor(urlPathEqualTo("/api2/json/access/permissions"))
                .withQueryParam("path", equalTo("/vms/9100")));
    }
}

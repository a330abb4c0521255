package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nixpve.sim.api.Privileges;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checks qemu-server makes in code on create and config update (API2/Qemu.pm:
 * check_vm_modify_config_perm, check_storage_access, the serial and drive checks), beyond the
 * schema's "any VM.Config.*": each key needs its own privilege, and a missing one is a 403 naming it.
 */
class SimQemuPermissionsTest {

    /** Where the installer ISO is written: a directory of the test's, removed after it. */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path isoDir;

    private static final String API = "/api2/json";
    private static final String SECRET = "11111111-2222-3333-4444-555555555555";
    private static final String TOKEN = "ci@pve!perm=" + SECRET;
    private static final String ISO = "local:iso/installer.iso";

    private final SimHarness sim = new SimHarness();

    @AfterEach
    void stop() {
        sim.close();
    }

    @ParameterizedTest(name = "{0} needs {1}")
    @CsvSource({
        "cores=2, VM.Config.CPU",
        "sockets=1, VM.Config.CPU",
        "memory=2048, VM.Config.Memory",
        "serial0=socket, VM.Config.HWType",
        "scsihw=virtio-scsi-single, VM.Config.HWType",
        "smbios1=uuid%3D0c3d2a0e-3c39-4d0b-9d6f-0b0a7a7e2b11, VM.Config.HWType",
        "name=build, VM.Config.Options",
        "agent=enabled%3D1, VM.Config.Options",
        "boot=order%3Dscsi0, VM.Config.Disk",
        "net0=virtio%2Cbridge%3Dvmbr0, VM.Config.Network",
    })
    void createNeedsThePrivilegeOfEachKey(String setting, String privilege) throws Exception {
        grantAllBut(privilege);

        RawHttps.Response refused = sim.http.form("POST", API + "/nodes/pve1/qemu", TOKEN, "vmid=150&" + setting);

        assertEquals(403, refused.status(), refused.body());
        assertEquals("Permission check failed (/vms/150, " + privilege + ")", refused.reason());
    }

    @Test
    void createWithoutVmAllocateIsRefusedWithoutNamingIt() throws Exception {
        grantAllBut("VM.Allocate");

        RawHttps.Response refused = sim.http.form("POST", API + "/nodes/pve1/qemu", TOKEN, "vmid=150");

        assertEquals(403, refused.status());
        assertEquals("Permission check failed", refused.reason());
    }

    @Test
    void anIsoNeedsAnyOfAllocateAllocateSpaceOrAuditOnItsStorage() throws Exception {
        for (String enough : new String[] {"Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.Audit"}) {
            sim.simulator.addToken("ci@pve!perm", SECRET, Map.of("/vms", all(), "/storage/local", Set.of(enough)));
            RawHttps.Response created = sim.http.form("POST", API + "/nodes/pve1/qemu", TOKEN,
                    "vmid=150&ide2=" + encode(ISO + ",media=cdrom"));
            assertEquals(200, created.status(), enough + ": " + created.reason());
            sim.advance(Duration.ofSeconds(5));
            sim.http.form("DELETE", API + "/nodes/pve1/qemu/150", sim.token(), "");
            sim.advance(Duration.ofSeconds(5));
        }
        sim.simulator.addToken("ci@pve!perm", SECRET, Map.of("/vms", all(),
                "/storage/local", Set.of("Datastore.AllocateTemplate")));

        RawHttps.Response refused = sim.http.form("POST", API + "/nodes/pve1/qemu", TOKEN,
                "vmid=150&ide2=" + encode(ISO + ",media=cdrom"));

        assertEquals(403, refused.status());
        assertEquals("Permission check failed (/storage/local, Datastore.AllocateSpace|Datastore.Audit)",
                refused.reason());
    }

    @Test
    void attachingTheCloudInitDriveNeedsCloudinitAndCdrom() throws Exception {
        createVm150();
        for (String privilege : new String[] {"VM.Config.Cloudinit", "VM.Config.CDROM"}) {
            grantAllBut(privilege);
            RawHttps.Response refused = sim.http.form("PUT", API + "/nodes/pve1/qemu/150/config", TOKEN,
                    "ide2=" + encode("local-lvm:cloudinit"));
            assertEquals(403, refused.status(), refused.body());
            assertEquals("Permission check failed (/vms/150, " + privilege + ")", refused.reason());
        }
    }

    @Test
    void removingTheIsoNeedsCdrom() throws Exception {
        createVm150();
        grantAllBut("VM.Config.CDROM");

        RawHttps.Response refused = sim.http.form("PUT", API + "/nodes/pve1/qemu/150/config", TOKEN, "delete=ide2");

        assertEquals(403, refused.status(), refused.body());
        assertEquals("Permission check failed (/vms/150, VM.Config.CDROM)", refused.reason());
    }

    @Test
    void cloudInitSettingsNeedCloudinitOrNetwork() throws Exception {
        createVm150();
        grantAllBut("VM.Config.Cloudinit");
        assertEquals(200, sim.http.form("PUT", API + "/nodes/pve1/qemu/150/config", TOKEN,
                "ciuser=nixos&ipconfig0=" + encode("ip=dhcp")).status());

        grantAllBut("VM.Config.Cloudinit", "VM.Config.Network");
        RawHttps.Response refused = sim.http.form("PUT", API + "/nodes/pve1/qemu/150/config", TOKEN, "ciuser=nixos");

        assertEquals(403, refused.status());
        assertEquals("Permission check failed (/vms/150, VM.Config.Cloudinit|VM.Config.Network)", refused.reason());
    }

    @Test
    void aKeyNoListNamesIsForRootAlone() throws Exception {
        createVm150();
        grantAllBut();

        RawHttps.Response refused = sim.http.form("PUT", API + "/nodes/pve1/qemu/150/config", TOKEN,
                "args=" + encode("-no-reboot"));

        assertEquals(500, refused.status());
        assertEquals("only root can set 'args' config", refused.reason());
    }

    @Test
    void aVnetIsReadWithSdnAuditInItsZoneAndItsNicNeedsSdnUseThere() throws Exception {
        sim.simulator.addVnet("vnet1", "lab");
        sim.simulator.addToken("ci@pve!perm", SECRET, Map.of("/vms", all(), "/sdn/zones/localnetwork", all()));

        RawHttps.Response hidden = sim.http.get(API + "/cluster/sdn/vnets/vnet1", TOKEN);
        assertEquals(403, hidden.status(), hidden.body());
        assertEquals("Permission check failed (/sdn/zones/lab/vnet1, SDN.Audit|SDN.Allocate)", hidden.reason());
        RawHttps.Response refused = sim.http.form("POST", API + "/nodes/pve1/qemu", TOKEN,
                "vmid=150&net0=" + encode("virtio,bridge=vnet1"));
        assertEquals("Permission check failed (/sdn/zones/lab/vnet1, SDN.Use)", refused.reason());

        sim.simulator.addToken("ci@pve!perm", SECRET, Map.of("/vms", all(), "/sdn/zones/lab", Set.of("SDN.Audit",
                "SDN.Use")));
        RawHttps.Response read = sim.http.get(API + "/cluster/sdn/vnets/vnet1", TOKEN);
        assertEquals(200, read.status(), read.body());
        assertEquals("lab", SimApiShapesTest.JSON.readTree(read.body()).path("data").path("zone").asText());
        assertEquals(200, sim.http.form("POST", API + "/nodes/pve1/qemu", TOKEN,
                "vmid=150&net0=" + encode("virtio,bridge=vnet1")).status());
    }

    private void createVm150() throws Exception {
        sim.uploadInstaller(isoDir, "installer.iso", "token");
        RawHttps.Response created = sim.http.form("POST", API + "/nodes/pve1/qemu", sim.token(),
                "vmid=150&scsi0=" + encode("local-lvm:1") + "&ide2=" + encode(ISO + ",media=cdrom"));
        assertEquals(200, created.status(), created.reason());
        sim.advance(Duration.ofSeconds(5));
    }

    private void grantAllBut(String... missing) {
        Set<String> vm = new HashSet<>(all());
        Set.of(missing).forEach(vm::remove);
        sim.simulator.addToken("ci@pve!perm", SECRET, Map.of("/vms/150", vm, "/storage", all(), "/sdn", all()));
    }

    private static Set<String> all() {
        return Privileges.all("9.1");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.nixpve.nix.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the shipped modules define for a clone, read through {@link ModuleShape} (no nixpkgs): the
 * values issue 12 found wrong on a real cluster.
 */
class TemplateModulesTest {

    @TempDir
    Path scratch;

    @Test
    void clonesTakeTheirHostNameFromCloudInit() throws Exception {
        ModuleShape shape = ModuleShape.of(scratch, SampleData.hostile());

        JsonNode hostName = shape.raw("modules/base.nix", "networking.hostName");

        assertEquals("{\"_type\":\"override\",\"content\":\"\",\"priority\":50}", hostName.toString(),
                "mkForce \"\", as proxmox-image.nix does with cloud-init");
        assertEquals("node-1", shape.resolved("installer.nix", "networking.hostName").asText(),
                "the build VM's live system keeps a name of its own");
    }

    @Test
    void cloudInitsDefaultUserIsInWheelAndSystemInfoIsRestated() throws Exception {
        ModuleShape shape = ModuleShape.of(scratch, SampleData.hostile());

        JsonNode info = shape.resolved("modules/cloud-init.nix", "services.cloud-init.settings.system_info");

        assertEquals("nixos", info.get("distro").asText(), info.toString());
        assertEquals("[\"networkd\"]", info.at("/network/renderers").toString());
        assertEquals("[\"wheel\"]", info.at("/default_user/groups").toString());
        assertTrue(info.at("/default_user/lock_passwd").asBoolean(), info.toString());
        assertFalse(info.at("/default_user/name").asText().isEmpty(), info.toString());
    }

    @Test
    void interfacesCloudInitLeavesAloneGetDhcpFromAFileSortedAfterCloudInits() throws Exception {
        ModuleShape shape = ModuleShape.of(scratch, SampleData.hostile());

        JsonNode networks = shape.resolved("modules/cloud-init.nix", "systemd.network.networks");

        assertEquals(1, networks.size(), networks.toString());
        String name = networks.fieldNames().next();
        assertTrue(name.compareTo("10-cloud-init-eth0") > 0 && name.compareTo("10-cloud-init-ens18") > 0,
                name + " must sort after cloud-init's 10-cloud-init-<ifname>.network, so cloud-init's file wins");
        JsonNode fallback = networks.get(name);
        assertEquals("en* eth*", fallback.at("/matchConfig/Name").asText(), fallback.toString());
        assertEquals("yes", fallback.get("DHCP").asText());
        assertTrue(shape.resolved("modules/cloud-init.nix", "networking.useNetworkd").asBoolean());
    }

    @Test
    void kubernetesNodeContainerdUsesTheSystemdCgroupDriver() throws Exception {
        ModuleShape shape = ModuleShape.of(scratch, SampleData.hostile());

        JsonNode runc = shape.resolved("modules/kubernetes-node.nix", "config.virtualisation.containerd.settings"
                + ".plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc");

        assertEquals("io.containerd.runc.v2", runc.get("runtime_type").asText(), runc.toString());
        assertTrue(runc.at("/options/SystemdCgroup").asBoolean(), runc.toString());
    }

    @Test
    void theIsoIsNamedThroughImageBaseName() throws Exception {
        ModuleShape shape = ModuleShape.of(scratch, SampleData.hostile());

        assertEquals("nixpve-" + SampleData.build().buildToken(),
                shape.resolved("installer.nix", "image.baseName").asText());
        assertFalse(shape.defines("installer.nix", "image.fileName"),
                "iso-image.nix names the file ${image.baseName}.iso; image.fileName is not read for it");
    }

    @Test
    void nfsLeavesSupportedFilesystemsToTheFileSystemsModule() throws Exception {
        ModuleShape shape = ModuleShape.of(scratch, SampleData.hostile());

        assertEquals("nfs", shape.resolved("modules/nfs.nix", "fileSystems.\"/mnt/nfs\".fsType").asText());
        assertFalse(shape.defines("modules/nfs.nix", "boot"), "filesystems.nix adds every fsType already");
    }
}

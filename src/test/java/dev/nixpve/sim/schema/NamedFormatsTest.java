package dev.nixpve.sim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each named format's accepted values and its die message (what follows "invalid format - "). */
class NamedFormatsTest {

    private static final IndexedKeys KEYS = new IndexedKeys(Map.of(
            "ide", 3, "scsi", 30, "virtio", 15, "sata", 5, "net", 31, "usb", 13, "hostpci", 15, "unused", 255));
    private static final NamedFormats FORMATS = new NamedFormats(KEYS, Map.of());

    private static Object check(String format, String value) throws FormatException {
        ParamSchema schema = SchemaJson.param(JsonNodeFactory.instance.objectNode().put("type", "string").put("format", format));
        return FORMATS.check(schema, value, "p", new SchemaCheck(FORMATS));
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @CsvSource(delimiter = '|', value = {
        "pve-vmid|100", "pve-vmid|999999999",
        "pve-node|pve1", "pve-node|a", "pve-node|node-2",
        "pve-storage-id|local-lvm", "pve-storage-id|nfs.backup_1",
        "pve-volume-id|local:iso/debian-12.iso", "pve-volume-id|local-lvm:vm-100-disk-0",
        "pve-volume-id-or-qm-path|none", "pve-volume-id-or-qm-path|cdrom", "pve-volume-id-or-qm-path|/dev/sdb",
        "pve-volume-id-or-qm-path|local-lvm:32",
        "pve-bridge-id|vmbr0", "pve-bridge-id|vmbr0.10",
        "pve-configid|ide2", "pve-configid-list|ide2,net1;unused0 scsi1", "pve-configid-list|",
        "pve-tag-list|a;b;c-d.e+f",
        "mac-addr|BC:24:11:00:00:01", "mac-addr|02:00:00:00:00:00",
        "pve-poolid|templates", "pve-realm|pve", "pve-userid|root@pam", "pve-tokenid|nixpve@pve!ci",
        "disk-size|32G", "disk-size|1.5T", "disk-size|1024",
        "pve-qm-bootdisk|scsi0", "pve-qm-bootdisk|efidisk0", "pve-qm-bootdisk|virtio15",
        "ipv4|10.0.0.1", "ipv6|fe80::1", "CIDR|10.0.0.0/8", "pve-ipv4-config|dhcp", "pve-ipv6-config|auto",
        "dns-name|nixos-template.lan", "address-list|10.0.0.1 9.9.9.9", "urlencoded|ssh-ed25519%20AAAA",
        "pve-storage-content|iso", "pve-storage-content-list|iso,images,import",
        "pve-startup-order|order=1,up=30", "pve-hotplug-features|network,disk,usb", "pve-hotplug-features|0",
        "pve-task-status-type-list|ok,error",
        "storage-pair-list|local-lvm:fast,1",
    })
    void accepts(String format, String value) throws FormatException {
        check(format, value == null ? "" : value);
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', value = {
        "pve-vmid|99|value does not look like a valid VM ID",
        "pve-vmid|1000000000|value does not look like a valid VM ID",
        "pve-node|-pve|value does not look like a valid node name",
        "pve-storage-id|1local|storage ID '1local' contains illegal characters",
        "pve-volume-id|local|unable to parse volume ID 'local'",
        "pve-volume-id-or-qm-path|iso/x.iso|unable to parse volume ID 'iso/x.iso'",
        "pve-bridge-id|vm br0|invalid bridge ID 'vm br0'",
        "pve-configid|2disk|invalid configuration ID '2disk'",
        "pve-configid-list|ide2,x|invalid configuration ID 'x'",
        "pve-tag-list|a;-b|invalid characters in tag",
        "mac-addr|01:00:5E:00:00:01|value does not look like a valid unicast MAC address",
        "mac-addr|AA:BB:CC:DD:EE|value does not look like a valid unicast MAC address",
        "pve-poolid|my pool|pool name 'my pool' contains invalid characters",
        "pve-realm|1x|value does not look like a valid realm",
        "pve-userid|ro|user name 'ro' is too short",
        "pve-userid|root|value 'root' does not look like a valid user name",
        "pve-tokenid|root@pam|value 'root@pam' does not look like a valid token ID",
        "disk-size|+10G|value does not look like a valid disk size: +10G",
        "pve-qm-bootdisk|unused0|invalid boot disk 'unused0'",
        "pve-qm-bootdisk|scsi31|invalid boot disk 'scsi31'",
        "ipv4|10.0.0.256|value does not look like a valid IPv4 address",
        "CIDR|10.0.0.0/7|value does not look like a valid CIDR network",
        "pve-storage-content|isos|invalid content type 'isos'",
        "pve-startup-order|first|unable to parse startup options",
        "pve-hotplug-features|network,gpu|invalid hotplug feature 'gpu'",
        "urlencoded|a b|invalid urlencoded string: a b",
        "no-such-format|x|undefined format 'no-such-format'",
    })
    void refuses(String format, String value, String message) {
        FormatException e = assertThrows(FormatException.class, () -> check(format, value));
        assertEquals(message + "\n", e.pveMessage());
    }

    @ParameterizedTest(name = "{0} is a property string")
    @CsvSource(delimiter = '|', value = {
        "pve-qm-boot|order=scsi0;net0|order=scsi0;net0",
        "pve-qm-ipconfig|ip=10.0.0.5/24,gw=10.0.0.1|gw=10.0.0.1;ip=10.0.0.5/24",
        "pve-qm-watchdog|ib700|model=ib700",
        "pve-qm-cicustom|user=local:snippets/u.yaml|user=local:snippets/u.yaml",
        "pve-qm-rng|/dev/urandom,period=1000|period=1000;source=/dev/urandom",
    })
    void parsesNamedPropertyStrings(String format, String value, String expected) throws FormatException {
        @SuppressWarnings("unchecked")
        Map<String, String> parsed = new java.util.TreeMap<>((Map<String, String>) check(format, value));
        StringBuilder flat = new StringBuilder();
        parsed.forEach((k, v) -> flat.append(flat.length() == 0 ? "" : ";").append(k).append('=').append(v));
        assertEquals(expected, flat.toString());
    }

    @ParameterizedTest(name = "-list of a property-string format is refused")
    @CsvSource("pve-qm-boot-list")
    void listsNeedCodeFormats(String format) {
        FormatException e = assertThrows(FormatException.class, () -> check(format, "x"));
        assertEquals("'-list' format must have code ref, not hash\n", e.pveMessage());
    }

    @ParameterizedTest(name = "split_list({0})")
    @CsvSource(delimiter = '|', value = {"a,b;c d|a b c d", " ,a,,b, |a b", "|''"})
    void splitList(String text, String expected) {
        List<String> items = Perl.splitList(text == null ? "" : text);
        assertEquals(expected.equals("''") ? "" : expected, String.join(" ", items));
    }
}

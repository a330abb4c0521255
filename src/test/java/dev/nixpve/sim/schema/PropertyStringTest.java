package dev.nixpve.sim.schema;

import static dev.nixpve.sim.schema.Calls.PVE91;
import static dev.nixpve.sim.schema.Calls.accepted;
import static dev.nixpve.sim.schema.Calls.assertError;
import static dev.nixpve.sim.schema.Calls.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Property strings as parse_property_string reads them, and the errors PVE gives for them. */
class PropertyStringTest {

    private static Map<String, String> parsed(String param, String value) {
        return accepted(create(param + "=" + value)).properties(param).orElseThrow();
    }

    private static void rejected(String param, String value, String message) {
        assertError(create(param + "=" + value), param, message);
    }

    @Test
    void disk() {
        assertEquals(Map.of("file", "local-lvm:32", "format", "raw", "discard", "on"),
                parsed("scsi0", "local-lvm:32,format=raw,discard=on"));
        assertEquals(Map.of("file", "local-lvm:0", "import-from", "local:import/x.qcow2", "ssd", "1", "iothread", "1"),
                parsed("scsi0", "local-lvm:0,import-from=local:import/x.qcow2,ssd=yes,iothread=on"));
        assertEquals(Map.of("file", "local-lvm:vm-100-disk-0", "size", "20G"),
                parsed("virtio0", "volume=local-lvm:vm-100-disk-0,size=20G"));
    }

    @Test
    void diskErrors() {
        rejected("scsi0", "local-lvm:32,discard=off",
                "invalid format - format error\nscsi0.discard: value 'off' does not have a value in the enumeration 'ignore, on'\n");
        rejected("scsi0", "local-lvm:32,foo=1", "invalid format - invalid key in comma-separated list property: foo\n");
        rejected("scsi0", "local-lvm:32,size=32G,size=40G",
                "invalid format - duplicate key in comma-separated list property: size\n");
        rejected("scsi0", "local-lvm:32,local-lvm:40", "invalid format - duplicate key in comma-separated list property: file\n");
        rejected("scsi0", "size=32G", "invalid format - format error\nscsi0.file: property is missing and it is not optional\n");
        rejected("scsi0", "local-lvm:32,discard=", "invalid format - missing key in comma-separated list property\n");
        rejected("scsi0", "nostorage",
                "invalid format - format error\nscsi0.file: invalid format - unable to parse volume ID 'nostorage'\n\n");
        rejected("scsi0", "local-lvm:32,size=1Z",
                "invalid format - format error\nscsi0.size: invalid format - value does not look like a valid disk size: 1Z\n\n");
        rejected("scsi0", "local-lvm:32,ssd=maybe",
                "invalid format - format error\nscsi0.ssd: type check ('boolean') failed - got 'maybe'\n");
    }

    @Test
    void cdrom() {
        assertEquals(Map.of("file", "local:iso/debian-12.iso", "media", "cdrom"),
                parsed("ide2", "local:iso/debian-12.iso,media=cdrom"));
        assertEquals(Map.of("file", "none", "media", "cdrom"), parsed("ide2", "none,media=cdrom"));
        assertEquals(Map.of("file", "local-lvm:cloudinit"), parsed("ide2", "local-lvm:cloudinit"));
        // 'cdrom' is the named format pve-qm-ide, which lacks the with-allocation key import-from
        assertEquals(Map.of("file", "local:iso/x.iso"), parsed("cdrom", "local:iso/x.iso"));
        rejected("cdrom", "local:iso/x.iso,import-from=local:import/y.raw",
                "invalid format - invalid key in comma-separated list property: import-from\n");
        rejected("ide2", "local:iso/x.iso,media=dvd",
                "invalid format - format error\nide2.media: value 'dvd' does not have a value in the enumeration 'cdrom, disk'\n");
    }

    @Test
    void net() {
        assertEquals(Map.of("model", "virtio", "macaddr", "AA:BB:CC:DD:EE:FF", "bridge", "vmbr0", "firewall", "1"),
                parsed("net0", "virtio=AA:BB:CC:DD:EE:FF,bridge=vmbr0,firewall=1"));
        assertEquals(Map.of("model", "e1000", "bridge", "vmbr1", "tag", "10", "firewall", "0"),
                parsed("net0", "e1000,bridge=vmbr1,tag=10,firewall=off"));
        rejected("net0", "virtio=AB:BB:CC:DD:EE:FF,bridge=vmbr0", "invalid format - format error\n"
                + "net0.macaddr: invalid format - value does not look like a valid unicast MAC address\n\n");
        rejected("net0", "virtio=AA:BB:CC:DD:EE:FF,e1000=AA:BB:CC:DD:EE:00",
                "invalid format - key alias 'model' is already defined\n");
        rejected("net0", "virtio=AA:BB:CC:DD:EE:FF,macaddr=AA:BB:CC:DD:EE:00",
                "invalid format - duplicate key in comma-separated list property: macaddr\n");
        rejected("net0", "bridge=vmbr0", "invalid format - format error\nnet0.model: property is missing and it is not optional\n");
        rejected("net0", "virtio,bridge=vmbr0,tag=5000",
                "invalid format - format error\nnet0.tag: value must have a maximum value of 4094\n");
        rejected("net0", "virtio,bridge=vm+br0",
                "invalid format - format error\nnet0.bridge: invalid format - invalid bridge ID 'vm+br0'\n\n");
        rejected("net0", "virtio,bridge=vmbr0,bogus=1", "invalid format - invalid key in comma-separated list property: bogus\n");
    }

    @Test
    void boot() {
        assertEquals(Map.of("order", "scsi0;ide2;net0"), parsed("boot", "order=scsi0;ide2;net0"));
        assertEquals(Map.of("legacy", "cdn"), parsed("boot", "cdn"));
        assertEquals(Map.of("order", "usb13;hostpci15;virtio15"), parsed("boot", "order=usb13;hostpci15;virtio15"));
        rejected("boot", "order=scsi0;foo",
                "invalid format - format error\nboot.order: invalid format - invalid boot device 'foo'\n\n");
        rejected("boot", "order=efidisk0",
                "invalid format - format error\nboot.order: invalid format - invalid boot device 'efidisk0'\n\n");
        rejected("boot", "order=net32",
                "invalid format - format error\nboot.order: invalid format - invalid boot device 'net32'\n\n");
        rejected("boot", "xyz", "invalid format - format error\nboot.legacy: value does not match the regex pattern\n");
    }

    @Test
    void agent() {
        assertEquals(Map.of("enabled", "1"), parsed("agent", "1"));
        assertEquals(Map.of("enabled", "1", "fstrim_cloned_disks", "1"), parsed("agent", "1,fstrim_cloned_disks=1"));
        assertEquals(Map.of("enabled", "1"), parsed("agent", "enabled=yes"));
        assertEquals(Map.of("enabled", "0", "type", "isa"), parsed("agent", "enabled=0,type=isa"));
        // the value without a key is not normalised, unlike enabled=yes
        rejected("agent", "yes", "invalid format - format error\nagent.enabled: type check ('boolean') failed - got 'yes'\n");
        rejected("agent", "1,type=usb",
                "invalid format - format error\nagent.type: value 'usb' does not have a value in the enumeration 'virtio, isa'\n");
        rejected("agent", "0,1", "invalid format - duplicate key in comma-separated list property: enabled\n");
        // PVE's quirk: a false default key is silently overwritten by a value without key
        assertEquals(Map.of("enabled", "1"), parsed("agent", "enabled=0,1"));
    }

    @Test
    void smbios1() {
        assertEquals(Map.of("uuid", "0d5b6a8e-5f30-4e8a-9c4e-0123456789ab", "serial", "dGVzdA==", "base64", "1"),
                parsed("smbios1", "uuid=0d5b6a8e-5f30-4e8a-9c4e-0123456789ab,serial=dGVzdA==,base64=1"));
        rejected("smbios1", "serial=not base64!",
                "invalid format - format error\nsmbios1.serial: value does not match the regex pattern\n");
        rejected("smbios1", "uuid=1234", "invalid format - format error\nsmbios1.uuid: value does not match the regex pattern\n");
        rejected("smbios1", "vendor=x", "invalid format - invalid key in comma-separated list property: vendor\n");
    }

    @Test
    void serialIsAPatternNotAPropertyString() {
        assertEquals("socket", accepted(create("serial0=socket")).string("serial0").orElseThrow());
        accepted(create("serial3=/dev/ttyS0"));
        rejected("serial0", "sock", "value does not match the regex pattern");
    }

    @Test
    void tags() {
        assertEquals(List.of("k8s", "nixos", "template"), accepted(create("tags=k8s;nixos template")).list("tags"));
        rejected("tags", "ok;not!ok", "invalid format - invalid characters in tag\n");
        assertEquals(List.of(), accepted(create("tags=")).list("tags"));
    }

    @Test
    void memory() {
        assertEquals(Map.of("current", "2048"), parsed("memory", "2048"));
        assertEquals(Map.of("current", "4096"), parsed("memory", "current=4096"));
        rejected("memory", "8", "invalid format - format error\nmemory.current: value must have a minimum value of 16\n");
        rejected("memory", "2G", "invalid format - format error\nmemory.current: type check ('integer') failed - got '2G'\n");
    }

    @Test
    void ipconfig() {
        assertEquals(Map.of("ip", "dhcp"), parsed("ipconfig0", "ip=dhcp"));
        assertEquals(Map.of("ip", "10.0.0.5/24", "gw", "10.0.0.1"), parsed("ipconfig0", "ip=10.0.0.5/24,gw=10.0.0.1"));
        assertEquals(Map.of("ip6", "auto"), parsed("ipconfig31", "ip6=auto"));
        // parse_ipconfig refuses a gateway with DHCP later; the API schema does not
        assertEquals(Map.of("ip", "dhcp", "gw", "10.0.0.1"), parsed("ipconfig0", "ip=dhcp,gw=10.0.0.1"));
        rejected("ipconfig0", "gw=10.0.0.1",
                "invalid format - format error\nipconfig0.ip: missing property - 'ipconfig0.gw' requires this property\n");
        rejected("ipconfig0", "ip=10.0.0.5", "invalid format - format error\n"
                + "ipconfig0.ip: invalid format - value does not look like a valid ipv4 network configuration\n\n");
        rejected("ipconfig0", "ip=10.0.0.5/4", "invalid format - format error\n"
                + "ipconfig0.ip: invalid format - value does not look like a valid ipv4 network configuration\n\n");
        rejected("ipconfig0", "dhcp", "invalid format - value without key, but schema does not define a default key\n");
    }

    @Test
    void watchdog() {
        assertEquals(Map.of("model", "i6300esb", "action", "reset"), parsed("watchdog", "i6300esb,action=reset"));
        rejected("watchdog", "model=foo",
                "invalid format - format error\nwatchdog.model: value 'foo' does not have a value in the enumeration 'i6300esb, ib700'\n");
    }

    @Test
    void storedConfigValuesParseTheSameWay() throws FormatException {
        assertEquals(Map.of("file", "local-lvm:vm-100-disk-0", "size", "20G"),
                PVE91.parseConfigValue("scsi0", "local-lvm:vm-100-disk-0,size=20G"));
        assertEquals(Map.of("order", "scsi0;net0"), PVE91.parseConfigValue("boot", "order=scsi0;net0"));
        FormatException bad = assertThrows(FormatException.class, () -> PVE91.parseConfigValue("net0", "virtio,foo=1"));
        assertEquals("invalid key in comma-separated list property: foo\n", bad.pveMessage());
        assertThrows(IllegalArgumentException.class, () -> PVE91.parseConfigValue("cores", "2"));
    }
}

package dev.nixpve.sim.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Formats qemu-server registers by name, which the API dump shows only as a name. The property-string
 * ones are written in the schema's own JSON shape, transcribed from the qemu-server sources named
 * beside each; {@code pve-qm-ide} is not here because it is derived from the schema itself.
 */
final class QemuFormats {

    // src/PVE/QemuServer.pm $boot_fmt
    private static final String BOOT = """
            {"legacy": {"type": "string", "optional": 1, "default_key": 1, "pattern": "[acdn]{1,4}", "default": "cdn"},
             "order": {"type": "string", "optional": 1, "format": "pve-qm-bootdev-list"}}""";

    // src/PVE/QemuServer.pm $smbios1_fmt
    private static final String SMBIOS1 = """
            {"uuid": {"type": "string", "optional": 1, "pattern": "[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}"},
             "version": {"type": "string", "optional": 1, "pattern": "[A-Za-z0-9+\\\\/]+={0,2}"},
             "serial": {"type": "string", "optional": 1, "pattern": "[A-Za-z0-9+\\\\/]+={0,2}"},
             "manufacturer": {"type": "string", "optional": 1, "pattern": "[A-Za-z0-9+\\\\/]+={0,2}"},
             "product": {"type": "string", "optional": 1, "pattern": "[A-Za-z0-9+\\\\/]+={0,2}"},
             "sku": {"type": "string", "optional": 1, "pattern": "[A-Za-z0-9+\\\\/]+={0,2}"},
             "family": {"type": "string", "optional": 1, "pattern": "[A-Za-z0-9+\\\\/]+={0,2}"},
             "base64": {"type": "boolean", "optional": 1}}""";

    // src/PVE/QemuServer/Network.pm $ipconfig_fmt (no validator: parse_ipconfig's checks are not API checks)
    private static final String IPCONFIG = """
            {"ip": {"type": "string", "optional": 1, "format": "pve-ipv4-config", "default": "dhcp"},
             "gw": {"type": "string", "optional": 1, "format": "ipv4", "requires": "ip"},
             "ip6": {"type": "string", "optional": 1, "format": "pve-ipv6-config", "default": "dhcp"},
             "gw6": {"type": "string", "optional": 1, "format": "ipv6", "requires": "ip6"}}""";

    // src/PVE/QemuServer.pm $watchdog_fmt
    private static final String WATCHDOG = """
            {"model": {"type": "string", "optional": 1, "default_key": 1, "enum": ["i6300esb", "ib700"], "default": "i6300esb"},
             "action": {"type": "string", "optional": 1, "enum": ["reset", "shutdown", "poweroff", "pause", "debug", "none"]}}""";

    // src/PVE/QemuServer.pm $cicustom_fmt
    private static final String CICUSTOM = """
            {"meta": {"type": "string", "optional": 1, "format": "pve-volume-id"},
             "network": {"type": "string", "optional": 1, "format": "pve-volume-id"},
             "user": {"type": "string", "optional": 1, "format": "pve-volume-id"},
             "vendor": {"type": "string", "optional": 1, "format": "pve-volume-id"}}""";

    // src/PVE/QemuServer/RNG.pm, as the schema's typetext shows it (source not read)
    private static final String RNG = """
            {"source": {"type": "string", "default_key": 1, "enum": ["/dev/urandom", "/dev/random", "/dev/hwrng"]},
             "max_bytes": {"type": "integer", "optional": 1},
             "period": {"type": "integer", "optional": 1}}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private QemuFormats() {
    }

    static void register(Map<String, CodeFormat> code, Map<String, PropertyFormat> hashes, IndexedKeys keys) {
        hashes.put("pve-qm-boot", format(BOOT));
        hashes.put("pve-qm-smbios1", format(SMBIOS1));
        hashes.put("pve-qm-ipconfig", format(IPCONFIG));
        hashes.put("pve-qm-watchdog", format(WATCHDOG));
        hashes.put("pve-qm-cicustom", format(CICUSTOM));
        hashes.put("pve-qm-rng", format(RNG));
        // src/PVE/QemuServer/Drive.pm verify_bootdisk
        code.put("pve-qm-bootdisk", v -> CommonFormats.require(keys.isDriveName(v), "invalid boot disk '" + v + "'"));
        code.put("pve-qm-bootdev", v -> CommonFormats.require(isBootDevice(keys, v), "invalid boot device '" + v + "'"));
        code.put("pve-hotplug-features", QemuFormats::hotplugFeatures);
    }

    /** verify_bootdev: a disk slot other than efidisk/tpmstate, or a defined netN, usbN or hostpciN. */
    private static boolean isBootDevice(IndexedKeys keys, String dev) {
        boolean special = dev.startsWith("efidisk") || dev.startsWith("tpmstate");
        return keys.isDriveName(dev) && !special
                || keys.exists("net", dev) || keys.exists("usb", dev) || keys.exists("hostpci", dev);
    }

    /** parse_hotplug_features: "0", "1", or a list of known features; an unknown one dies by name. */
    private static void hotplugFeatures(String value) throws FormatException {
        if (value.equals("0") || value.equals("1")) {
            return;
        }
        for (String feature : Perl.splitList(value)) {
            CommonFormats.require(feature.matches("network|disk|cpu|memory|usb|cloudinit"),
                    "invalid hotplug feature '" + feature + "'");
        }
    }

    private static PropertyFormat format(String json) {
        try {
            return SchemaJson.format(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.nixpve.sim.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format registry of one PVE version and a port of {@code JSONSchema::check_format}: a name
 * ending in {@code -list} checks each {@code split_list} item, {@code -opt} checks only a true value,
 * a property-string format is parsed, a code format is verified.
 */
final class NamedFormats {

    /**
     * Registered by PVE but not modelled here (CPU models, PCI IDs, SEV/TDX, cpusets, privileges):
     * accepted as they come. None is needed by the template pipeline's requests.
     */
    static final Set<String> UNCHECKED = Set.of(
            "pve-vm-cpu-conf", "pve-qm-hostpci", "pve-qemu-sev-fmt", "pve-qemu-tdx-fmt", "pve-cpuset", "pve-priv");

    private static final Pattern NAME = Pattern.compile("^(.*?)(?:-(list|opt))?$");

    private final Map<String, CodeFormat> code = new HashMap<>();
    private final Map<String, PropertyFormat> hashes = new HashMap<>();

    NamedFormats(IndexedKeys keys, Map<String, PropertyFormat> derivedHashFormats) {
        CommonFormats.register(code);
        StorageFormats.register(code);
        AccessFormats.register(code);
        IdFormats.register(code);
        QemuFormats.register(code, hashes, keys);
        UNCHECKED.forEach(name -> code.put(name, v -> { }));
        hashes.putAll(derivedHashFormats);
    }

    Optional<PropertyFormat> hashFormat(String name) {
        return Optional.ofNullable(hashes.get(name));
    }

    /** Returns the parsed property string (a Map), the split list (a List), or null for a plain value. */
    Object check(ParamSchema schema, String value, String path, SchemaCheck check) throws FormatException {
        if (schema.objectFormat() != null) {
            return PropertyString.parse(schema.objectFormat(), value, path, check);
        }
        String format = schema.format();
        if (format.equals("regex")) {
            return null;
        }
        Matcher name = NAME.matcher(format);
        name.matches();
        String kind = name.group(2) == null ? "none" : name.group(2);
        PropertyFormat hash = hashes.get(name.group(1));
        CodeFormat verifier = code.get(name.group(1));
        if (hash == null && verifier == null) {
            throw new FormatException("undefined format '" + format + "'\n");
        }
        if (!kind.equals("none") && hash != null) {
            throw new FormatException("'-" + kind + "' format must have code ref, not hash\n");
        }
        switch (kind) {
            case "list" -> {
                List<String> items = Perl.splitList(value);
                for (String item : items) {
                    verifier.verify(item);
                }
                return items;
            }
            case "opt" -> {
                if (Perl.truthy(value)) {
                    verifier.verify(value);
                }
                return null;
            }
            default -> {
                if (hash != null) {
                    return PropertyString.parse(hash, value, path, check);
                }
                verifier.verify(value);
                return null;
            }
        }
    }
}

package dev.nixpve.sim.schema;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which concrete keys the {@code [n]} families stand for. PVE registers scsi0..scsi30 one by one,
 * so "scsi31" and "scsi01" are simply not defined; the highest index per family is a derived fact.
 */
record IndexedKeys(Map<String, Integer> indexMax) {

    private static final Pattern KEY = Pattern.compile("([a-z]+)(0|[1-9][0-9]{0,5})");

    IndexedKeys {
        indexMax = Map.copyOf(indexMax);
    }

    /** The family of a defined key: "scsi" for "scsi30", empty for "scsi31" or "scsi01". */
    Optional<String> family(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        Integer max = indexMax.get(m.group(1));
        return max != null && Integer.parseInt(m.group(2)) <= max ? Optional.of(m.group(1)) : Optional.empty();
    }

    boolean exists(String family, String key) {
        return family(key).filter(family::equals).isPresent();
    }

    /** {@code Drive::is_valid_drivename}: a disk slot, efidisk0 or tpmstate0, but not unusedN. */
    boolean isDriveName(String key) {
        return key.equals("efidisk0") || key.equals("tpmstate0")
                || family(key).filter(f -> f.equals("ide") || f.equals("scsi") || f.equals("virtio")
                        || f.equals("sata")).isPresent();
    }
}

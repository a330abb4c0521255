package dev.nixpve.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Every row of the table, by the name {@code --row} selects it by, in the order they run. */
final class Rows {

    static final Map<String, Function<Settings, Row>> ALL = all();

    private Rows() {
    }

    private static Map<String, Function<Settings, Row>> all() {
        Map<String, Function<Settings, Row>> rows = new LinkedHashMap<>();
        rows.put("nodes", NodesRow::new);
        // Issue 17's further rows go here, one line each: upload vs curl -F, sha256 vs sha256sum,
        // no-op rebuild start-up, pipeline overhead, --help start-up vs curl of /version.
        return Collections.unmodifiableMap(rows);
    }
}

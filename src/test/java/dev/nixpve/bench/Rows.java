package dev.nixpve.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every row of the table, by the name {@code --row} selects it by, in the order they run. */
final class Rows {

    /** Makes a row for the run's settings; setting it up may write files or start a simulator. */
    @FunctionalInterface
    interface Maker {
        Row make(Settings settings) throws Exception;
    }

    static final Map<String, Maker> ALL = all();

    private Rows() {
    }

    private static Map<String, Maker> all() {
        Map<String, Maker> rows = new LinkedHashMap<>();
        rows.put("nodes", NodesRow::new);
        rows.put("sha256", Sha256Row::new);
        rows.put("start-up", StartUpRow::new);
        rows.put("no-op", NoOpRebuildRow::new);
        rows.put("upload", UploadRow::toSimulator);
        rows.put("upload-discard", UploadRow::toDiscard);
        rows.put("pipeline", PipelineRow::new);
        return Collections.unmodifiableMap(rows);
    }
}

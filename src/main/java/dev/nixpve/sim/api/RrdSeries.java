package dev.nixpve.sim.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Round-robin statistics as pve-cluster's PVE/RRD.pm serves them: create_rrd_data's rows at the
 * timeframe's resolution ending at the last full step, and create_rrd_graph's PNG file name. PVE 9
 * keeps finer archives under {@code pve-*-9.0/}; 8.x the old {@code pve2-*} ones.
 */
final class RrdSeries {

    /** Resolution in seconds and row count per timeframe, PVE 9 ({@code $setup}) and 8 ({@code $setup_pve2}). */
    private static final Map<String, long[]> PVE9 = Map.of("hour", new long[] {60, 60}, "day", new long[] {60, 1440},
            "week", new long[] {1800, 336}, "month", new long[] {1800, 1440}, "year", new long[] {21600, 1440},
            "decade", new long[] {604800, 570});
    private static final Map<String, long[]> PVE8 = Map.of("hour", new long[] {60, 60}, "day", new long[] {1800, 70},
            "week", new long[] {10800, 70}, "month", new long[] {43200, 70}, "year", new long[] {604800, 70},
            "decade", new long[] {604800, 70});

    private RrdSeries() {
    }

    /** {@code row} gives each row's values (besides {@code time}) for its start time in epoch seconds. */
    static List<Map<String, Object>> rows(SimVersion version, String timeframe, Instant now,
                                          LongFunction<Map<String, Object>> row) {
        long[] setup = setup(version).get(timeframe);
        long resolution = setup[0];
        long end = resolution * (now.getEpochSecond() / resolution);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long time = end - resolution * setup[1]; time < end; time += resolution) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("time", time);
            entry.putAll(row.apply(time));
            rows.add(entry);
        }
        return rows;
    }

    /** create_rrd_graph's answer: where it wrote the PNG ({@code kind} "vm" or "storage", {@code id} as PVE names it). */
    static Map<String, String> graph(SimVersion version, String kind, String id, String ds) {
        String name = version.version().startsWith("8.") ? "pve2-" + kind + "/" + id : "pve-" + kind + "-9.0/" + id;
        return Map.of("filename", "/var/lib/rrdcached/db/" + name + "_" + String.join("_", ds.split("[,;\\s]+"))
                + ".png");
    }

    private static Map<String, long[]> setup(SimVersion version) {
        return version.version().startsWith("8.") ? PVE8 : PVE9;
    }
}

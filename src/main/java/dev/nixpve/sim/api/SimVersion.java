package dev.nixpve.sim.api;

/** Which PVE release the simulator plays: its version string and the schema it validates against. */
public enum SimVersion {
    PVE_9_1("9.1.1", "9.1", "42fe9b1c4a1e7d3b", "9.1"),
    PVE_8_4("8.4.1", "8.4", "2a5fa54a8503f96d", "8.4");

    private final String version;
    private final String release;
    private final String repoid;
    private final String schema;

    SimVersion(String version, String release, String repoid, String schema) {
        this.version = version;
        this.release = release;
        this.repoid = repoid;
        this.schema = schema;
    }

    public static SimVersion parse(String text) {
        for (SimVersion candidate : values()) {
            if (candidate.release.equals(text) || candidate.version.equals(text)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unsupported PVE version '" + text + "': the simulator plays 9.1 or 8.4");
    }

    public String version() {
        return version;
    }

    public String release() {
        return release;
    }

    public String repoid() {
        return repoid;
    }

    /** The key of the derived schema facts this version validates against. */
    public String schema() {
        return schema;
    }
}

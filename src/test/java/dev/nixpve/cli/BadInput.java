package dev.nixpve.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the bad-input table: what the operator wrote (a nixpve.yaml, the environment, flags,
 * files), and what nixpve must answer: exit 2, {@code where} (file:line and key, variable or
 * option) and {@code says} (the problem) on stderr, and never the table's secret.
 */
record BadInput(String name, String scenario, Optional<String> yaml, Map<String, String> environment,
                List<String> command, List<String> args, Prepare prepare, String where, String says) {

    /** The secret every row runs with; no output of any row may contain it. */
    static final String SECRET = "S3cr3t_T0ken.c0ffee+feedface/5ecre7";
    static final String TOKEN = "nixpve@pve!build=" + SECRET;
    static final String FILE = "nixpve.yaml";
    /** {@code render} loads the whole configuration and talks to nobody: the command of the rows that do not say. */
    static final List<String> RENDER = List.of("render", "--out", "out");

    /** Files a row needs besides nixpve.yaml: a directory in its place, a binary file, a huge one. */
    interface Prepare {
        void in(Path directory) throws IOException;
    }

    static BadInput yaml(String name, String scenario, String yaml, String where, String says) {
        return new BadInput(name, scenario, Optional.of(yaml), Map.of(), RENDER, List.of(), d -> { }, where, says);
    }

    static BadInput environment(String name, String scenario, Map<String, String> environment, String where,
                                String says) {
        return new BadInput(name, scenario, Optional.empty(), environment, RENDER, List.of(), d -> { }, where, says);
    }

    static BadInput flags(String name, String scenario, List<String> args, String where, String says) {
        return new BadInput(name, scenario, Optional.empty(), Map.of(), RENDER, args, d -> { }, where, says);
    }

    /**
     * A whole command line of any command, e.g. {@code rebuild --max-age -5d}; the scenario column
     * shows it, so the document says which command each row runs.
     */
    static BadInput command(String name, String why, List<String> line, String where, String says) {
        String shown = "`nixpve " + String.join(" ", line.stream().map(BadInput::shown).toList()) + "`"
                + (why.isEmpty() ? "" : " " + why);
        return new BadInput(name, shown, Optional.empty(), Map.of(), List.of(), line, d -> { }, where, says);
    }

    private static String shown(String word) {
        String masked = word.replace(SECRET, "SECRET");
        return masked.isEmpty() || masked.contains(" ") ? "'" + masked + "'" : masked;
    }

    BadInput with(Map<String, String> moreEnvironment) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(moreEnvironment);
        return new BadInput(name, scenario, yaml, merged, command, args, prepare, where, says);
    }

    BadInput preparing(Prepare files) {
        return new BadInput(name, scenario, yaml, environment, command, args, files, where, says);
    }

    /** The command line: the row's command and its flags. */
    List<String> commandLine() {
        List<String> line = new ArrayList<>(command);
        line.addAll(args);
        return line;
    }

    /**
     * The row's environment on top of a valid token whose secret no message may show, and an
     * endpoint that counts the connections made to it: a usage error is found before any.
     */
    Map<String, String> fullEnvironment(String endpoint) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("PROXMOX_VE_ENDPOINT", endpoint);
        all.put("PROXMOX_VE_API_TOKEN", TOKEN);
        all.put("NIXPVE_TABLE_SECRET", SECRET);
        all.putAll(environment);
        return all;
    }

    @Override
    public String toString() {
        return name;
    }
}

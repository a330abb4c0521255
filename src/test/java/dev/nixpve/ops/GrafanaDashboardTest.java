package dev.nixpve.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/grafana/nixpve.json: a dashboard Grafana can import, whose queries are valid PromQL over
 * metrics nixpve exports, and which together with the alert rules shows every exported series.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("scripts/grafana/nixpve.json");

    /**
     * Series families in the contract that no panel shows, and why. Only these may be missing; each
     * must really be missing, so that this list stays true.
     */
    private static final Map<String, String> NOT_SHOWN = Map.of(
            "nixpve_template_vmid", "the same number as nixpve_template_info's vmid label, which the"
                    + " \"Current template\" table shows; it is there for queries that want the VMID as a value");

    @TempDir
    Path dir;

    @Test
    void isADashboardWithTitleUidAndVariables() throws IOException {
        JsonNode dashboard = dashboard();
        assertFalse(dashboard.path("title").asText().isBlank(), "no title");
        assertFalse(dashboard.path("uid").asText().isBlank(), "no uid");
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36, "schemaVersion " + dashboard.path("schemaVersion"));
        Map<String, String> variables = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            variables.put(variable.path("name").asText(), variable.path("type").asText());
        }
        assertEquals(Map.of("datasource", "datasource", "image", "query", "node", "query"), variables);
        assertEquals("prometheus", dashboard.path("templating").path("list").path(0).path("query").asText());
    }

    @Test
    void panelsHaveUniqueIdsTargetsAndPlacesThatDoNotOverlap() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> placed = new ArrayList<>();
        JsonNode panels = dashboard().path("panels");
        assertFalse(panels.isEmpty(), "no panels");
        for (JsonNode panel : panels) {
            String name = "panel " + panel.path("id") + " \"" + panel.path("title").asText() + "\"";
            if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
                problems.add(name + ": id missing or not unique");
            }
            if (panel.path("title").asText().isBlank()) {
                problems.add(name + ": no title");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(name + ": no target");
            }
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asText().isBlank() || target.path("refId").asText().isBlank()) {
                    problems.add(name + ": a target without expr or refId");
                }
            }
            if (!"${datasource}".equals(panel.path("datasource").path("uid").asText())) {
                problems.add(name + ": does not use the datasource variable");
            }
            JsonNode grid = panel.path("gridPos");
            for (String key : List.of("x", "y", "w", "h")) {
                if (!grid.path(key).isInt()) {
                    problems.add(name + ": gridPos has no " + key);
                }
            }
            if (grid.path("w").asInt() < 1 || grid.path("h").asInt() < 1
                    || grid.path("x").asInt() + grid.path("w").asInt() > 24) {
                problems.add(name + ": gridPos " + grid + " is not within Grafana's 24 columns");
            }
            for (JsonNode other : placed) {
                if (overlap(grid, other.path("gridPos"))) {
                    problems.add(name + ": overlaps panel " + other.path("id"));
                }
            }
            placed.add(panel);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws IOException {
        Set<String> contract = MetricsContract.names();
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        queries().forEach((where, expr) -> {
            Set<String> used = MetricsContract.namesIn(expr);
            used.removeAll(contract);
            if (!used.isEmpty()) {
                unknown.put(where, used);
            }
        });
        assertEquals(Map.of(), unknown, "metrics not in " + MetricsContract.FILE);
    }

    @Test
    void everyExportedSeriesIsShownOrAlertedOn() throws IOException {
        Set<String> dashboard = families(queries().values());
        Set<String> shown = new TreeSet<>(dashboard);
        shown.addAll(families(AlertRulesTest.alertExpressions().values()));
        Set<String> missing = new TreeSet<>();
        for (String name : MetricsContract.names()) {
            String family = MetricsContract.family(name);
            if (!shown.contains(family) && !NOT_SHOWN.containsKey(family)) {
                missing.add(family);
            }
        }
        assertEquals(Set.of(), missing, "exported, but neither on the dashboard nor in an alert, nor in NOT_SHOWN");
        for (String family : NOT_SHOWN.keySet()) {
            assertTrue(MetricsContract.names().contains(family), family + " in NOT_SHOWN is not in the contract");
            assertFalse(dashboard.contains(family), family + " is in NOT_SHOWN but a panel shows it");
        }
    }

    /** promtool has no command that parses one expression: each query becomes a recording rule it checks. */
    @Test
    void everyQueryIsValidPromQl() throws Exception {
        List<Map<String, String>> rules = new ArrayList<>();
        Map<String, String> queries = queries();
        queries.forEach((where, expr) -> {
            if (!where.startsWith("variable")) {
                String record = "dashboard_" + where.replaceAll("[^A-Za-z0-9]+", "_");
                rules.add(Map.of("record", record, "expr", withVariablesReplaced(expr)));
            }
        });
        Path file = dir.resolve("dashboard-queries.yml");
        new YAMLMapper().writeValue(file.toFile(), Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));
        Promtool.Result result = Promtool.run("check", "rules", file.toString());
        assertEquals(0, result.exitCode(), "the dashboard's queries as rules:\n" + Files.readString(file)
                + "\npromtool check rules:\n" + result.output());
    }

    /** Grafana's variables as Grafana would fill them in: a range for the interval ones, a value for the rest. */
    static String withVariablesReplaced(String expr) {
        return expr.replaceAll("\\$\\{?__(range|interval|rate_interval)}?", "1h")
                .replaceAll("\\$\\{?\\w+(:\\w+)?}?", "x");
    }

    /** Every query in the dashboard, by where it is: panel targets and the variables' label_values queries. */
    private static Map<String, String> queries() throws IOException {
        JsonNode dashboard = dashboard();
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel " + panel.path("id") + " " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.put("variable " + variable.path("name").asText(),
                        query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        return queries;
    }

    private static Set<String> families(Iterable<String> expressions) {
        Set<String> families = new TreeSet<>();
        for (String expr : expressions) {
            MetricsContract.namesIn(expr).forEach(name -> families.add(MetricsContract.family(name)));
        }
        return families;
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }
}

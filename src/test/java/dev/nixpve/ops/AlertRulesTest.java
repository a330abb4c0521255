package dev.nixpve.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * scripts/prometheus/nixpve-alerts.yml: Prometheus loads it, it passes its unit tests
 * (nixpve-alerts.test.yml), and it uses only metrics nixpve exports.
 */
class AlertRulesTest {

    static final Path RULES = Path.of("scripts/prometheus/nixpve-alerts.yml");
    static final Path RULE_TESTS = Path.of("scripts/prometheus/nixpve-alerts.test.yml");

    private static final List<String> ALERTS =
            List.of("NixpveRebuildFailing", "NixpveNoSuccess", "NixpveTemplateTooOld", "NixpveRunTooLong");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Promtool.Result result = Promtool.run("check", "rules", RULES.toString());
        assertEquals(0, result.exitCode(), "promtool check rules " + RULES + ":\n" + result.output());
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        Promtool.Result result = Promtool.run("test", "rules", RULE_TESTS.toString());
        assertEquals(0, result.exitCode(), "promtool test rules " + RULE_TESTS + ":\n" + result.output());
    }

    @Test
    void everyMetricAnAlertUsesIsExported() throws IOException {
        Set<String> contract = MetricsContract.names();
        Map<String, String> problems = new LinkedHashMap<>();
        alertExpressions().forEach((alert, expr) -> {
            Set<String> used = MetricsContract.namesIn(expr);
            if (used.isEmpty()) {
                problems.put(alert, "uses no nixpve metric: " + expr);
            }
            used.removeAll(contract);
            if (!used.isEmpty()) {
                problems.put(alert, "uses " + used + ", not in " + MetricsContract.FILE);
            }
        });
        assertEquals(Map.of(), problems);
    }

    @Test
    void everyAlertSaysHowBadWhereAndWhatToDo() throws IOException {
        JsonNode group = yaml(RULES).path("groups").path(0);
        assertEquals("nixpve", group.path("name").asText());
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : group.path("rules")) {
            String name = rule.path("alert").asText();
            names.add(name);
            if (rule.path("for").asText().isEmpty()) {
                problems.add(name + ": no for");
            }
            if (!Set.of("warning", "critical").contains(rule.path("labels").path("severity").asText())) {
                problems.add(name + ": severity is not warning or critical");
            }
            JsonNode annotations = rule.path("annotations");
            for (String key : List.of("summary", "description")) {
                String text = annotations.path(key).asText();
                if (!text.contains("{{ $labels.image }}") || !text.contains("{{ $labels.node }}")) {
                    problems.add(name + ": " + key + " does not name the image and the node");
                }
                if (!text.contains("$value | humanize") && key.equals("description")) {
                    problems.add(name + ": description does not show the humanized value");
                }
            }
            if (annotations.path("runbook").asText().isEmpty()) {
                problems.add(name + ": no runbook annotation");
            }
        }
        assertEquals(ALERTS, names);
        assertEquals(List.of(), problems);
    }

    /** promtool compares every alert it got with the expected list, so an empty list proves silence. */
    @Test
    void everyAlertIsTestedFiringAndQuiet() throws IOException {
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : yaml(RULE_TESTS).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String alert = check.path("alertname").asText();
                (check.path("exp_alerts").isEmpty() ? quiet : firing).add(alert);
            }
        }
        Set<String> untested = new TreeSet<>();
        for (String alert : ALERTS) {
            if (!firing.contains(alert)) {
                untested.add(alert + " never fires");
            }
            if (!quiet.contains(alert)) {
                untested.add(alert + " is never expected to stay quiet");
            }
        }
        assertTrue(untested.isEmpty(), RULE_TESTS + ": " + untested);
    }

    /** Each alert's name and its expression. */
    static Map<String, String> alertExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode group : yaml(RULES).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.put(rule.path("alert").asText(), rule.path("expr").asText());
            }
        }
        assertFalse(expressions.isEmpty(), RULES + " has no rules");
        return expressions;
    }

    private static JsonNode yaml(Path file) throws IOException {
        return new YAMLMapper().readTree(file.toFile());
    }
}

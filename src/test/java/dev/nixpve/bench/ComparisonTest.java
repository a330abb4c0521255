package dev.nixpve.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic and order, with variants that return set samples instead of running anything. */
class ComparisonTest {

    private final List<String> order = new ArrayList<>();

    private Variant variant(String label, double target, long... millis) {
        Iterator<Long> next = java.util.Arrays.stream(millis).boxed().iterator();
        return new Variant(label, target, () -> {
            order.add(label);
            long value = next.next();
            return new Sample(Duration.ofMillis(value), Map.of("calls", value / 100));
        });
    }

    private static Row row(List<Variant> variants) {
        return new Row() {
            public String name() {
                return "fake";
            }

            public String title() {
                return "a against b and c";
            }

            public String target() {
                return "cheap";
            }

            public List<Variant> variants() {
                return variants;
            }
        };
    }

    @Test
    void everyRoundMeasuresEachVariantOnceInARotatedOrderAfterWarmingUpTheBaseline() throws Exception {
        Row row = row(List.of(variant("a", Double.NaN, 1, 1, 1, 1), variant("b", 2, 1, 1, 1),
                variant("c", 2, 1, 1, 1)));

        new Comparison(3, true, line -> { }).run(row);

        assertEquals(List.of("a", "a", "b", "c", "b", "c", "a", "c", "a", "b"), order);
    }

    @Test
    void mediansAndRatiosToTheBaselineAndHowFarATargetIsMissed() throws Exception {
        Row row = row(List.of(variant("a", Double.NaN, 1000, 3000, 2000), variant("b", 2, 4000, 900, 1000),
                variant("c", 1.5, 5000, 4000, 4000)));

        RowResult result = new Comparison(3, false, line -> { }).run(row);

        assertEquals(2.0, result.baseline().medianSeconds());
        assertEquals(0.5, result.ratio(result.variants().get(1)));
        assertEquals(40.0, result.variants().get(2).medianCount("calls"));
        assertTrue(result.meetsTarget(result.variants().get(1)));
        assertFalse(result.meetsTarget());
        List<String> table = result.markdown();
        assertTrue(table.contains("| a | 3 | 2.00 s | 1.00 s to 3.00 s | 1.00 | 20 | 1.00 | baseline |"), table.toString());
        assertTrue(table.contains("| b | 3 | 1.00 s | 0.90 s to 4.00 s | 0.50 | 10 | 0.50 | met (at most 2.00) |"),
                table.toString());
        assertTrue(table.contains("| c | 3 | 4.00 s | 4.00 s to 5.00 s | 2.00 | 40 | 2.00 | MISSED by 33% (at most 1.50) |"),
                table.toString());
    }

    @Test
    void aTargetInSecondsIsJudgedOnTheMedianAloneNotTheRatio() throws Exception {
        Variant quick = variant("q", Double.NaN, 2000, 2500, 2900);
        Variant slow = variant("s", Double.NaN, 3500, 3100, 4000);
        Row row = row(List.of(variant("a", Double.NaN, 60000, 60000, 60000),
                Variant.within("q", Duration.ofSeconds(3), quick.measurement()),
                Variant.within("s", Duration.ofSeconds(3), slow.measurement())));

        RowResult result = new Comparison(3, false, line -> { }).run(row);

        assertTrue(result.meetsTarget(result.variants().get(1)));
        assertFalse(result.meetsTarget(result.variants().get(2)));
        List<String> table = result.markdown();
        assertTrue(table.stream().anyMatch(l -> l.startsWith("| q |") && l.endsWith("| met (under 3.00 s) |")),
                table.toString());
        assertTrue(table.stream().anyMatch(l -> l.startsWith("| s |") && l.endsWith("| MISSED by 17% (under 3.00 s) |")),
                table.toString());
    }

    @Test
    void anEvenNumberOfSamplesHasTheMeanOfTheMiddleTwoAsItsMedian() {
        assertEquals(2.5, RowResult.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }
}

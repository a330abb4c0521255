package dev.nixpve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void durations() {
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("30"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5m"));
    }

    @Test
    void durationsAreWrittenAsTheyAreRead() {
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("3d4h", Durations.format(Duration.ofDays(3).plusHours(4).plusMinutes(5)));
        assertEquals("3d", Durations.format(Duration.ofDays(3).plusMinutes(5)));
        assertEquals("0s", Durations.format(Duration.ofMillis(400)));
        assertEquals(Duration.ofHours(26), Durations.parse(Durations.format(Duration.ofHours(26))));
    }

    @Test
    void sizes() {
        assertEquals(20L << 30, ByteSize.parse("20G").bytes());
        assertEquals(512L << 20, ByteSize.parse("512M").bytes());
        assertEquals(1L << 40, ByteSize.parse("1TiB").bytes());
        assertEquals(0, ByteSize.parse("0").bytes());
        assertEquals("20G", ByteSize.parse("20 GiB").toString());
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("20"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("1.5G"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
    }

    @Test
    void didYouMean() {
        assertEquals("apiToken", Suggestions.closest("API_TOKEN", java.util.List.of("endpoint", "apiToken")).orElseThrow());
        assertEquals("endpoint", Suggestions.closest("endpiont", java.util.List.of("endpoint", "apiToken")).orElseThrow());
        assertEquals(java.util.Optional.empty(), Suggestions.closest("colour", java.util.List.of("node", "bridge")));
    }
}

package dev.nixpve.monitor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The installer's progress file: the one definition shared by the installer script (which writes
 * it at each phase), the install monitor (which reads it through the guest agent's file-read) and
 * the simulator (which emulates it). Format version 1:
 * <pre>
 * {"version":1,"phase":"install","percent":60,"message":"nixos-install --system ...",
 *  "startedAt":"2026-11-22T10:00:00Z","updatedAt":"2026-11-22T10:03:12Z","log":["last", "lines"]}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstallProgress(int version, Phase phase, int percent, String message, Instant startedAt,
                              Instant updatedAt, List<String> log) {

    /** Where the installer writes the file on the live system (tmpfs, gone after the power-off). */
    public static final String PATH = "/run/nixpve/install-progress.json";

    public static final int FORMAT_VERSION = 1;

    /** How long the installer keeps {@code done} readable before powering off, so a polling monitor sees it. */
    public static final Duration DONE_HOLD = Duration.ofSeconds(10);
    /** The same for {@code failed}: longer, so the monitor can also read the log lines. */
    public static final Duration FAILED_HOLD = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** The installer's phases in order; {@code done} and {@code failed} are final. */
    public enum Phase {
        @JsonProperty("guard") GUARD,
        @JsonProperty("partition") PARTITION,
        @JsonProperty("format") FORMAT,
        @JsonProperty("install") INSTALL,
        @JsonProperty("bootloader") BOOTLOADER,
        @JsonProperty("done") DONE,
        @JsonProperty("failed") FAILED;

        public boolean isFinal() {
            return this == DONE || this == FAILED;
        }

        /** The name written in the file, as the installer script spells it. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public InstallProgress {
        log = log == null ? List.of() : List.copyOf(log);
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100: " + percent);
        }
    }

    public static InstallProgress parse(String json) {
        try {
            InstallProgress progress = JSON.readValue(json, InstallProgress.class);
            if (progress.phase() == null) {
                throw new IllegalArgumentException("the progress file has no phase");
            }
            return progress;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable progress file: " + e.getOriginalMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.nixpve.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import java.time.Clock;

/**
 * {@code --log-format json}: one JSON object per event and line, for schedulers and log shippers:
 * {@code {"time":"...","event":"step","step":"upload","status":"DONE","elapsed":"PT3S",...}}.
 */
final class JsonLinesEvents implements EventSink {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).build();

    private final CliContext context;
    private final Clock clock;

    JsonLinesEvents(CliContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    @Override
    public synchronized void emit(Event event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("event", event.kind());
        line.setAll((ObjectNode) JSON.valueToTree(event));
        try {
            context.out().println(JSON.writeValueAsString(line));
            context.out().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

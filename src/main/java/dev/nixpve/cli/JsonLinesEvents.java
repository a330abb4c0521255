package dev.nixpve.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --log-format json}: one JSON object per event and line, for schedulers and log shippers:
 * {@code {"time":"...","run":"3f2a9c1b0d4e","event":"step","step":"upload","status":"DONE","elapsed":"PT3S",...}}.
 * Once the run has started every line names it ({@code run}), and a line emitted during a step
 * names that step ({@code step}), so a log shipper can group and filter without parsing messages;
 * the run's last line, {@code run-finished}, carries its {@code outcome}; a warning the operator can act
 * on carries its {@code topic} and the {@code hint} the console would show.
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

    private String run;
    /** The step under way, by node ("" for a one-node run's events, which come unwrapped). */
    private final Map<String, StepId> steps = new HashMap<>();

    @Override
    public synchronized void emit(Event wrapped) {
        String node = wrapped instanceof NodeEvent ofNode ? ofNode.node() : "";
        Event event = wrapped instanceof NodeEvent ofNode ? ofNode.event() : wrapped;
        if (event instanceof RunStartedEvent started) {
            run = started.run();
        } else if (event instanceof StepEvent stepEvent) {
            if (stepEvent.status() == StepEvent.Status.STARTED) {
                steps.put(node, stepEvent.step());
            } else {
                steps.remove(node);
            }
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString());
        if (run != null) {
            line.put("run", run);
        }
        if (!node.isEmpty()) {
            line.put("node", node);
        }
        line.put("event", event.kind());
        StepId step = steps.get(node);
        if (step != null) {
            line.put("step", step.id());
        }
        line.setAll((ObjectNode) JSON.valueToTree(event));
        if (event instanceof LogEvent log) {
            WarningHints.remedy(log.topic()).ifPresent(hint -> line.put("hint", hint));
        }
        try {
            context.out().println(JSON.writeValueAsString(line));
            context.out().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

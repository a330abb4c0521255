package dev.nixpve.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Optional;

/**
 * A run ended: how, after how long, and the template it left current on the node (absent when it
 * failed or was locked out: then the previous one still is, as far as this run knows).
 */
public record RunFinishedEvent(String run, String image, String node, RunOutcome outcome, Duration elapsed,
                               @JsonIgnore Optional<TemplateFacts> template) implements Event {

    /** The template for JSON log lines, which write no Optional. */
    @JsonProperty("template")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    TemplateFacts templateOrNull() {
        return template.orElse(null);
    }

    @Override
    public String kind() {
        return "run-finished";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.runFinished(this);
    }
}

package dev.nixpve.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A line of information for the operator. Messages never contain secrets, nor what to do: a
 * warning the operator can act on names its {@link Topic}, and the CLI words the remedy.
 */
public record LogEvent(Level level, String message, @JsonIgnore Topic topic) implements Event {

    public enum Level { DEBUG, INFO, WARN }

    /** What a line reports, where the CLI has something to say about it; {@link #NONE} for the rest. */
    public enum Topic {
        NONE,
        /** The inventory found no VM tagged for it: it has no hosts. */
        NO_TAGGED_VM,
        /** A VM is listed in the inventory without an address to connect to. */
        HOST_WITHOUT_ADDRESS
    }

    public LogEvent(Level level, String message) {
        this(level, message, Topic.NONE);
    }

    public static LogEvent info(String message) {
        return new LogEvent(Level.INFO, message);
    }

    public static LogEvent warn(String message) {
        return new LogEvent(Level.WARN, message);
    }

    /** A warning about something the operator can act on: the message says what was found, the topic what it is. */
    public static LogEvent warn(Topic topic, String message) {
        return new LogEvent(Level.WARN, message, topic);
    }

    public static LogEvent debug(String message) {
        return new LogEvent(Level.DEBUG, message);
    }

    /** The same line with another text (masked, prefixed), keeping its level and topic. */
    public LogEvent withMessage(String text) {
        return new LogEvent(level, text, topic);
    }

    /** The topic for JSON log lines, left out when there is none. */
    @JsonProperty("topic")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    Topic topicOrNull() {
        return topic == Topic.NONE ? null : topic;
    }

    @Override
    public String kind() {
        return "log";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.log(this);
    }
}

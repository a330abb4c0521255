package dev.nixpve.event;

/** A line of information for the operator. Messages never contain secrets. */
public record LogEvent(Level level, String message) implements Event {

    public enum Level { DEBUG, INFO, WARN }

    public static LogEvent info(String message) {
        return new LogEvent(Level.INFO, message);
    }

    public static LogEvent warn(String message) {
        return new LogEvent(Level.WARN, message);
    }

    public static LogEvent debug(String message) {
        return new LogEvent(Level.DEBUG, message);
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

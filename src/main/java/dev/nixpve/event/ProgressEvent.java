package dev.nixpve.event;

/**
 * Progress of a long operation such as an upload. {@code total} is -1 when unknown.
 * {@code operation} identifies the operation so a renderer can keep one bar per operation.
 */
public record ProgressEvent(String operation, long done, long total) implements Event {

    public boolean finished() {
        return total >= 0 && done >= total;
    }

    @Override
    public String kind() {
        return "progress";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.progress(this);
    }
}

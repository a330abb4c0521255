package dev.nixpve.event;

/** A number a step measured that no step's duration already tells: for metrics and reports. */
public record MeasuredEvent(Measure measure, double value) implements Event {

    public enum Measure {
        /** Bytes of the ISO an upload sent to PVE. */
        UPLOAD_BYTES,
        /** Seconds from a smoke-test clone's start to the guest agent reporting an IPv4 address. */
        SMOKE_TEST_BOOT_SECONDS
    }

    @Override
    public String kind() {
        return "measured";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.measured(this);
    }
}

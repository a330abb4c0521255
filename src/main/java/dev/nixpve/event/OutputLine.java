package dev.nixpve.event;

/** A line another program printed (nix build, the installer's log), tagged with where it came from. */
public record OutputLine(String source, String line) implements Event {

    @Override
    public String kind() {
        return "output";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.output(this);
    }
}

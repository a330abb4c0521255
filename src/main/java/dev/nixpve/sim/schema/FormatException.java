package dev.nixpve.sim.schema;

/**
 * A value failed a named format or a property string, carrying PVE's message exactly as its
 * {@code die} text reads, trailing newline(s) included: the API puts it after "invalid format - ".
 */
public final class FormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public FormatException(String pveMessage) {
        super(pveMessage);
    }

    /** The message as PVE's {@code $@} holds it, e.g. "invalid configuration ID 'a'\n". */
    public String pveMessage() {
        return getMessage();
    }
}

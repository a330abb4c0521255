package dev.nixpve.sim.schema;

/** A named format checked by code, like a verifier registered with {@code PVE::JSONSchema::register_format}. */
@FunctionalInterface
interface CodeFormat {

    /** Accepts the value or throws with the verifier's die message. */
    void verify(String value) throws FormatException;
}

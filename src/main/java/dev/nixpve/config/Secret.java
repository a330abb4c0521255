package dev.nixpve.config;

public final class Secret {
    private final String value;
    public Secret(String value) { this.value = value; }
    public String reveal() { return value; }
    @Override public String toString() { return "***"; }
    @Override public boolean equals(Object o) { return o instanceof Secret s && s.value.equals(value); }
    @Override public int hashCode() { return value.hashCode(); }
}

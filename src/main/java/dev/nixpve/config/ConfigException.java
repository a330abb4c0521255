package dev.nixpve.config;

public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    public ConfigException(String m) { super(m); }
}

package dev.nixpve.sim.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A QEMU VM: its config file (key → value as PVE writes it), power state and, while running, the
 * guest that runs inside it.
 */
public final class SimVm {

    private final int vmid;
    private final String node;
    private final LinkedHashMap<String, String> config = new LinkedHashMap<>();
    private Guest guest;
    private Instant startedAt;

    public SimVm(int vmid, String node, Map<String, String> config) {
        this.vmid = vmid;
        this.node = node;
        this.config.putAll(config);
    }

    public int vmid() {
        return vmid;
    }

    public String node() {
        return node;
    }

    public Map<String, String> config() {
        return config;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(config.get(key));
    }

    public AgentOption agent() {
        return AgentOption.of(get("agent"));
    }

    public Optional<String> lock() {
        return get("lock");
    }

    public boolean template() {
        return "1".equals(config.get("template"));
    }

    public String name() {
        return config.getOrDefault("name", "VM " + vmid);
    }

    /** SHA-1 of the config file as written, so any change gives a new digest, as on PVE. */
    public String digest() {
        StringBuilder file = new StringBuilder();
        config.forEach((key, value) -> file.append(key).append(": ").append(value).append('\n'));
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(file.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean running() {
        return guest != null;
    }

    public Optional<Guest> guest() {
        return Optional.ofNullable(guest);
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public void poweredOn(Guest value, Instant at) {
        this.guest = value;
        this.startedAt = at;
    }

    public void poweredOff() {
        if (guest != null) {
            guest.powerLost();
        }
        this.guest = null;
        this.startedAt = null;
    }

    /** Checks PVE's config lock the way {@code check_lock} does before most changes. */
    public void requireUnlocked() {
        lock().ifPresent(reason -> {
            throw dev.nixpve.sim.http.PveError.server("VM is locked (" + reason + ")\n");
        });
    }
}

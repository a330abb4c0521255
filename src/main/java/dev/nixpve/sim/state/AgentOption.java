package dev.nixpve.sim.state;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A VM's {@code agent} config line as qemu-server reads it (QemuServer/Agent.pm): the agent
 * endpoints only ask whether the line is there at all, while QEMU gets an agent socket, and
 * status/current an {@code agent: 1}, only when it parses to enabled ({@code parse_guest_agent}).
 */
public record AgentOption(boolean configured, boolean enabled) {

    private static final Pattern TRUE = Pattern.compile("1|on|yes|true", Pattern.CASE_INSENSITIVE);

    /** {@code line} was checked against the schema when written; the last {@code enabled} wins. */
    public static AgentOption of(Optional<String> line) {
        if (line.isEmpty()) {
            return new AgentOption(false, false);
        }
        boolean enabled = false;
        for (String part : line.get().split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                enabled = TRUE.matcher(part).matches(); // the format's default key is enabled
            } else if (part.substring(0, eq).equals("enabled")) {
                enabled = TRUE.matcher(part.substring(eq + 1)).matches();
            }
        }
        return new AgentOption(true, enabled);
    }
}

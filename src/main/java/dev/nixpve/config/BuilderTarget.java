package dev.nixpve.config;

import java.util.Optional;

/** Where the ISO is built: {@code local}, {@code docker} or {@code ssh://[user@]host[:port]}. */
public sealed interface BuilderTarget {

    record Local() implements BuilderTarget {
        @Override
        public String toString() {
            return "local";
        }
    }

    record Docker() implements BuilderTarget {
        @Override
        public String toString() {
            return "docker";
        }
    }

    record Ssh(Optional<String> user, String host, int port) implements BuilderTarget {
        public static final int DEFAULT_PORT = 22;

        @Override
        public String toString() {
            return "ssh://" + user.map(u -> u + "@").orElse("") + host + (port == DEFAULT_PORT ? "" : ":" + port);
        }
    }
}

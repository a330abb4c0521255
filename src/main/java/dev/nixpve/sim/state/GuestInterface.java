package dev.nixpve.sim.state;

import java.util.List;

/** One interface as {@code guest-network-get-interfaces} reports it. */
public record GuestInterface(String name, String hardwareAddress, List<Address> addresses) {

    public GuestInterface {
        addresses = List.copyOf(addresses);
    }

    public static GuestInterface loopback() {
        return new GuestInterface("lo", "00:00:00:00:00:00",
                List.of(new Address("127.0.0.1", "ipv4", 8), new Address("::1", "ipv6", 128)));
    }

    public record Address(String ip, String type, int prefix) {
    }
}

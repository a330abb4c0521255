package dev.nixpve.proxmox.model;

import java.util.List;
import java.util.Optional;

/** One interface as the guest agent reports it ({@code network-get-interfaces}). */
public record NetworkInterface(String name, Optional<String> hardwareAddress, List<IpAddress> addresses) {

    public record IpAddress(String address, String family, int prefix) {
        public boolean isIpv4() {
            return family.equals("ipv4");
        }

        public boolean isLoopback() {
            return address.startsWith("127.") || address.equals("::1");
        }
    }

    public NetworkInterface {
        addresses = List.copyOf(addresses);
    }

    /** The first IPv4 that is not loopback, across interfaces: what Ansible should connect to. */
    public static Optional<String> firstRoutableIpv4(List<NetworkInterface> interfaces) {
        return interfaces.stream().flatMap(i -> i.addresses().stream())
                .filter(a -> a.isIpv4() && !a.isLoopback() && !a.address().startsWith("169.254."))
                .map(IpAddress::address).findFirst();
    }
}

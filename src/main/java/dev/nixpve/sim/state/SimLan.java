package dev.nixpve.sim.state;

import java.util.Locale;

/**
 * The network the simulated nodes and guests share, as a homelab's flat LAN: 192.168.77.0/24
 * behind the router 192.168.77.1, the nodes from .2 on (on vmbr0, as the PVE installer configures
 * a host), guests leased .20 on by DHCP. Link-local IPv6 addresses derive from the MAC (EUI-64,
 * RFC 4291 appendix A), as a Linux guest's kernel forms them.
 */
public final class SimLan {

    public static final String GATEWAY = "192.168.77.1";
    public static final int PREFIX_LENGTH = 24;
    public static final String NETMASK = "255.255.255.0";

    private static final String NETWORK = "192.168.77.";

    private SimLan() {
    }

    /** The address of the node at {@code index} in the cluster's node list. */
    public static String nodeAddress(int index) {
        return NETWORK + (2 + index);
    }

    /** The address a guest's DHCP lease gives it. */
    public static String dhcpAddress(int vmid) {
        return NETWORK + (20 + vmid % 200);
    }

    /** {@code fe80::} with the interface identifier of {@code mac}: the universal/local bit flipped, ff:fe in the middle. */
    public static String linkLocal(String mac) {
        String[] octets = mac.split("[:-]");
        if (octets.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        int[] b = new int[6];
        for (int i = 0; i < 6; i++) {
            b[i] = Integer.parseInt(octets[i], 16);
        }
        return String.format(Locale.ROOT, "fe80::%x:%x:%x:%x", (b[0] ^ 0x02) << 8 | b[1], b[2] << 8 | 0xff,
                0xfe << 8 | b[3], b[4] << 8 | b[5]);
    }
}

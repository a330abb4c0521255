package dev.nixpve.emit;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.NetworkInterface;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.VmConfig;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address Ansible should connect to: what the guest agent reports (first IPv4 that is not
 * loopback or link-local), else the static address cloud-init was given ({@code ipconfigN: ip=…}).
 * A VM whose agent does not answer is warned about, never dropped; one listed without an address
 * is a {@link LogEvent.Topic#HOST_WITHOUT_ADDRESS} warning, for which the CLI says what to do.
 */
final class HostAddresses {

    private static final Pattern STATIC_IPV4 = Pattern.compile("(?:^|,)ip=(\\d{1,3}(?:\\.\\d{1,3}){3})/\\d{1,2}(?:,|$)");
    private static final int MAX_NICS = 32;

    private final ProxmoxClient client;
    private final EventSink events;

    HostAddresses(ProxmoxClient client, EventSink events) {
        this.client = client;
        this.events = events;
    }

    /** The status is read live: the one in {@code /cluster/resources} may be 10 s old, or "unknown". */
    Optional<String> of(ClusterResource vm, VmConfig config, String hostName) {
        String node = vm.node().orElseThrow();
        int vmid = vm.vmid().orElseThrow();
        String status = status(node, vmid);
        String problem;
        if (status.equals("running")) {
            try {
                Optional<String> reported = NetworkInterface.firstRoutableIpv4(client.agentNetworkInterfaces(node, vmid));
                if (reported.isPresent()) {
                    return reported;
                }
                problem = "its guest agent reports no IPv4 address yet";
            } catch (PveApiException e) {
                problem = "its guest agent did not answer (" + e.pveMessage().strip() + ")";
            }
        } else {
            problem = "it is " + status + ", so its guest agent cannot answer";
        }
        Optional<String> configured = staticAddress(config);
        String about = "VM " + vmid + " (" + hostName + ") on " + node + ": " + problem;
        if (configured.isPresent()) {
            events.emit(LogEvent.warn(about + "; using its static cloud-init address " + configured.get() + "."));
        } else {
            events.emit(LogEvent.warn(LogEvent.Topic.HOST_WITHOUT_ADDRESS, about + "; listed without ansible_host"));
        }
        return configured;
    }

    private String status(String node, int vmid) {
        try {
            return client.vmStatus(node, vmid).status();
        } catch (PveApiException e) {
            events.emit(LogEvent.debug("cannot read the status of VM " + vmid + " on " + node + ": " + e.getMessage()));
            return "unknown";
        }
    }

    private static Optional<String> staticAddress(VmConfig config) {
        for (int n = 0; n < MAX_NICS; n++) {
            Optional<String> address = config.get("ipconfig" + n).flatMap(HostAddresses::staticIpv4);
            if (address.isPresent()) {
                return address;
            }
        }
        return Optional.empty();
    }

    /** The address of {@code ip=192.168.1.5/24,gw=…}; empty for {@code ip=dhcp} or IPv6 only. */
    static Optional<String> staticIpv4(String ipconfig) {
        Matcher matcher = STATIC_IPV4.matcher(ipconfig);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}

package dev.nixpve.sim.api;

import dev.nixpve.sim.state.SimVm;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cloud-init files PVE generates for a VM in the NoCloud format, as qemu-server's
 * QemuServer/Cloudinit.pm writes them (cloudinit_userdata, nocloud_network, nocloud_gen_metadata),
 * for {@code GET .../cloudinit/dump}. DNS comes only from the VM's own nameserver/searchdomain
 * (PVE falls back to the host's resolv.conf); IPv6 is written for dhcp, auto and static addresses.
 */
final class CloudInitDump {

    private static final Pattern MAC = Pattern.compile("^(?:[^=,]+)=([0-9A-Fa-f:]{17})");
    private static final Pattern IP = Pattern.compile("(?:^|,)ip=([^,]+)");
    private static final Pattern GW = Pattern.compile("(?:^|,)gw=([^,]+)");
    private static final Pattern IP6 = Pattern.compile("(?:^|,)ip6=([^,]+)");
    private static final Pattern GW6 = Pattern.compile("(?:^|,)gw6=([^,]+)");

    private CloudInitDump() {
    }

    /** {@code type} user, network or meta; the password is masked in user data as the API masks it. */
    static String dump(SimVm vm, String type) {
        return switch (type) {
            case "user" -> user(vm, true);
            case "network" -> network(vm);
            default -> "instance-id: " + sha1(user(vm, false) + network(vm)) + "\n";
        };
    }

    private static String user(SimVm vm, boolean maskPassword) {
        String name = vm.get("name").orElse("VM" + vm.vmid());
        String hostname = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String fqdn = name.contains(".") ? name : vm.get("searchdomain").map(s -> name + "." + s).orElse(name);
        StringBuilder content = new StringBuilder("#cloud-config\n");
        content.append("hostname: ").append(hostname).append('\n');
        content.append("manage_etc_hosts: true\n");
        content.append("fqdn: ").append(fqdn).append('\n');
        vm.get("ciuser").ifPresent(user -> content.append("user: ").append(user).append('\n'));
        if (vm.get("ciuser").filter("root"::equals).isPresent()) {
            content.append("disable_root: False\n");
        }
        vm.get("cipassword").ifPresent(password -> content.append("password: ")
                .append(maskPassword ? "**********" : password).append('\n'));
        vm.get("sshkeys").ifPresent(keys -> {
            content.append("ssh_authorized_keys:\n");
            for (String key : URLDecoder.decode(keys, StandardCharsets.UTF_8).split("\n")) {
                if (!key.isBlank()) {
                    content.append("  - ").append(key.strip()).append('\n');
                }
            }
        });
        content.append("chpasswd:\n  expire: False\n");
        if (vm.get("ciuser").filter("root"::equals).isEmpty()) {
            content.append("users:\n  - default\n");
        }
        if (vm.get("ciupgrade").map(v -> !v.equals("0")).orElse(true)) {
            content.append("package_upgrade: true\n");
        }
        return content.toString();
    }

    private static String network(SimVm vm) {
        StringBuilder content = new StringBuilder("version: 1\nconfig:\n");
        Map<String, String> nets = new TreeMap<>();
        vm.config().forEach((key, value) -> {
            if (key.matches("net\\d+")) {
                nets.put(key, value);
            }
        });
        nets.forEach((key, net) -> {
            String id = key.substring(3);
            String ipconfig = vm.get("ipconfig" + id).orElse("");
            Matcher mac = MAC.matcher(net);
            if (ipconfig.isEmpty() || !mac.find()) {
                return;
            }
            String i = "      ";
            content.append("    - type: physical\n").append("      name: eth").append(id).append('\n')
                    .append("      mac_address: '").append(mac.group(1).toLowerCase(java.util.Locale.ROOT))
                    .append("'\n").append("      subnets:\n");
            find(IP, ipconfig).ifPresent(ip -> {
                if (ip.equals("dhcp")) {
                    content.append(i).append("- type: dhcp4\n");
                } else {
                    String[] cidr = ip.split("/");
                    content.append(i).append("- type: static\n").append(i).append("  address: '").append(cidr[0])
                            .append("'\n").append(i).append("  netmask: '").append(netmask(Integer.parseInt(cidr[1])))
                            .append("'\n");
                    find(GW, ipconfig).ifPresent(gw -> content.append(i).append("  gateway: '").append(gw).append("'\n"));
                }
            });
            find(IP6, ipconfig).ifPresent(ip -> {
                switch (ip) {
                    case "dhcp" -> content.append(i).append("- type: dhcp6\n");
                    case "auto" -> content.append(i).append("- type: ipv6_slaac\n");
                    default -> {
                        content.append(i).append("- type: static6\n").append(i).append("  address: '").append(ip)
                                .append("'\n");
                        find(GW6, ipconfig).ifPresent(gw -> content.append(i).append("  gateway: '").append(gw)
                                .append("'\n"));
                    }
                }
            });
        });
        if (vm.get("nameserver").isPresent() || vm.get("searchdomain").isPresent()) {
            content.append("    - type: nameserver\n");
            vm.get("nameserver").ifPresent(servers -> {
                content.append("      address:\n");
                for (String server : servers.split("[,;\\s]+")) {
                    content.append("      - '").append(server).append("'\n");
                }
            });
            vm.get("searchdomain").ifPresent(domains -> {
                content.append("      search:\n");
                for (String domain : domains.split("[,;\\s]+")) {
                    content.append("      - '").append(domain).append("'\n");
                }
            });
        }
        return content.toString();
    }

    private static java.util.Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    private static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (mask >> 24) + "." + (mask >> 16 & 0xFF) + "." + (mask >> 8 & 0xFF) + "." + (mask & 0xFF);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

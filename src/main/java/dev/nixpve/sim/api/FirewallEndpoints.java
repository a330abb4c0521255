package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The firewall of the cluster, of each VM and of each VNet as pve-firewall serves it on a fresh
 * install: no rules, aliases, IP sets or security groups, every option at its default, an empty
 * log; the macro list holds a few of PVE's predefined macros. A rule position, alias, IP set or
 * group asked for by name does not exist.
 */
final class FirewallEndpoints {

    private static final String CLUSTER = "/cluster/firewall";
    private static final String VM = "/nodes/{node}/qemu/{vmid}/firewall";
    private static final String VNET = "/cluster/sdn/vnets/{vnet}/firewall";
    private static final List<Map<String, String>> MACROS = List.of(
            Map.of("macro", "DNS", "descr", "Domain Name System traffic (upd and tcp)"),
            Map.of("macro", "HTTP", "descr", "Hypertext Transfer Protocol (WWW)"),
            Map.of("macro", "HTTPS", "descr", "Hypertext Transfer Protocol (WWW) over SSL"),
            Map.of("macro", "NTP", "descr", "Network Time Protocol (ntpd)"),
            Map.of("macro", "Ping", "descr", "ICMP echo request"),
            Map.of("macro", "SSH", "descr", "Secure shell traffic"));

    private final ApiContext context;

    FirewallEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        for (String base : List.of(CLUSTER, VM)) {
            objects(routes, base);
        }
        routes.add(new Route("GET", CLUSTER + "/groups", call -> List.of()));
        routes.add(new Route("GET", CLUSTER + "/groups/{group}", this::noGroup));
        routes.add(new Route("GET", CLUSTER + "/groups/{group}/{pos}", this::noGroup));
        routes.add(new Route("GET", CLUSTER + "/macros", call -> MACROS));
        routes.add(new Route("GET", VM + "/log", Fixed.emptyList(context)));
        routes.add(new Route("GET", VNET + "/rules", this::vnetRules));
        routes.add(new Route("GET", VNET + "/rules/{pos}", call -> {
            vnetRules(call);
            throw noRule(call);
        }));
        routes.add(new Route("GET", VNET + "/options", call -> {
            vnetRules(call);
            return Map.of();
        }));
    }

    /** What the cluster and a VM both have: rules, aliases, IP sets, options and references. */
    private void objects(List<Route> routes, String base) {
        routes.add(new Route("GET", base + "/rules", Fixed.emptyList(context)));
        routes.add(new Route("GET", base + "/rules/{pos}", call -> {
            PathObjects.require(context, call);
            throw noRule(call);
        }));
        routes.add(new Route("GET", base + "/aliases", Fixed.emptyList(context)));
        routes.add(new Route("GET", base + "/aliases/{name}",
                Fixed.missing(context, call -> "no such alias '" + call.path("name") + "'")));
        routes.add(new Route("GET", base + "/ipset", Fixed.emptyList(context)));
        for (String member : Set.of("/ipset/{name}", "/ipset/{name}/{cidr}")) {
            routes.add(new Route("GET", base + member,
                    Fixed.missing(context, call -> "no such IPSet '" + call.path("name") + "'")));
        }
        routes.add(new Route("GET", base + "/options", call -> {
            PathObjects.require(context, call);
            return Map.of();
        }));
        routes.add(new Route("GET", base + "/refs", Fixed.emptyList(context)));
    }

    private Object noGroup(Call call) {
        throw PveError.server("no such security group '" + call.path("group") + "'\n");
    }

    private static PveError noRule(Call call) {
        return PveError.server("no rule at position " + call.path("pos") + "\n");
    }

    private List<Object> vnetRules(Call call) {
        if (!context.cluster().vnets().containsKey(call.path("vnet"))) {
            throw PveError.server("sdn vnet '" + call.path("vnet") + "' does not exist\n");
        }
        return List.of();
    }
}

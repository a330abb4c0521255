package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roles, groups, ACL and realms as a fresh PVE has them (pve-access-control API2/Role.pm,
 * Group.pm, ACL.pm, Domains.pm): the built-in roles, no groups, the two standard realms pam and
 * pve. The ACL lists nothing: root@pam needs no entry, and the simulator keeps the grants of tokens
 * added with their own privileges apart from user.cfg.
 */
final class RealmEndpoints {

    private static final Map<String, String> REALMS = Map.of(
            "pam", "Linux PAM standard authentication",
            "pve", "Proxmox VE authentication server");

    private final ApiContext context;

    RealmEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/access/roles", call -> roles()));
        routes.add(new Route("GET", "/access/roles/{roleid}", this::role));
        routes.add(new Route("GET", "/access/groups", call -> List.of()));
        routes.add(new Route("GET", "/access/groups/{groupid}", call -> {
            throw PveError.server("group '" + call.path("groupid") + "' does not exist\n");
        }));
        routes.add(new Route("GET", "/access/acl", call -> List.of()));
        routes.add(new Route("GET", "/access/domains", call -> REALMS.keySet().stream().sorted()
                .map(realm -> Map.of("realm", realm, "type", realm, "comment", REALMS.get(realm))).toList()));
        routes.add(new Route("GET", "/access/domains/{realm}", this::realm));
        // AccessControl.pm: "dummy, just for the login form"
        routes.add(new Route("GET", "/access/ticket", call -> null));
    }

    private List<Map<String, Object>> roles() {
        return BuiltinRoles.all(context.version()).entrySet().stream().map(role -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("roleid", role.getKey());
            entry.put("privs", String.join(",", new java.util.TreeSet<>(role.getValue())));
            entry.put("special", 1);
            return entry;
        }).toList();
    }

    private Map<String, Integer> role(Call call) {
        Set<String> privileges = BuiltinRoles.all(context.version()).get(call.path("roleid"));
        if (privileges == null) {
            throw PveError.server("role '" + call.path("roleid") + "' does not exist\n");
        }
        return Grants.asFlags(privileges);
    }

    private Map<String, Object> realm(Call call) {
        String realm = call.path("realm");
        if (!REALMS.containsKey(realm)) {
            throw PveError.server("domain '" + realm + "' does not exist\n");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", realm);
        entry.put("comment", REALMS.get(realm));
        entry.put("digest", Integer.toHexString(realm.hashCode()));
        return entry;
    }
}

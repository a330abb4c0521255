package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users, their API tokens and second factors, as pve-access-control's API2/User.pm, TFA.pm and
 * AccessControl.pm read them: every user the simulator knows (root@pam, and those given tokens or
 * passwords), enabled, never expiring, with no second factor. The token the simulator prints shares
 * root's privileges (privsep 0); tokens added with their own ACL are privilege-separated.
 */
final class UserEndpoints {

    private final ApiContext context;

    UserEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/access/users", this::list));
        routes.add(new Route("GET", "/access/users/{userid}", call -> user(requireUser(call))));
        routes.add(new Route("GET", "/access/users/{userid}/tfa", call -> {
            requireUser(call);
            return Map.of();
        }));
        routes.add(new Route("GET", "/access/users/{userid}/token", call -> tokens(requireUser(call))));
        routes.add(new Route("GET", "/access/users/{userid}/token/{tokenid}", this::token));
        routes.add(new Route("GET", "/access/tfa", call -> List.of()));
        routes.add(new Route("GET", "/access/tfa/{userid}", call -> {
            requireUser(call);
            return List.of();
        }));
        routes.add(new Route("GET", "/access/tfa/{userid}/{id}", call -> {
            requireUser(call);
            throw PveError.server("no such tfa entry '" + call.path("id") + "'\n");
        }));
    }

    /** User.pm index: one entry per user; {@code full=1} adds the tokens. */
    private List<Map<String, Object>> list(Call call) {
        boolean full = call.flag("full", false);
        return context.access().userids().stream().map(userid -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("userid", userid);
            entry.put("enable", 1);
            entry.put("expire", 0);
            entry.put("realm-type", userid.substring(userid.indexOf('@') + 1));
            if (full) {
                entry.put("tokens", tokens(userid));
            }
            return entry;
        }).toList();
    }

    private Map<String, Object> user(String userid) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        context.access().tokenNames(userid).forEach(name -> tokens.put(name, tokenFacts(userid, name)));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("enable", 1);
        user.put("expire", 0);
        user.put("groups", List.of());
        user.put("tokens", tokens);
        return user;
    }

    private List<Map<String, Object>> tokens(String userid) {
        return context.access().tokenNames(userid).stream().map(name -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tokenid", name);
            entry.putAll(tokenFacts(userid, name));
            return entry;
        }).toList();
    }

    private Map<String, Object> token(Call call) {
        String userid = requireUser(call);
        String name = call.path("tokenid");
        if (!context.access().tokenNames(userid).contains(name)) {
            throw PveError.server("no such token '" + name + "' for user '" + userid + "'\n");
        }
        return tokenFacts(userid, name);
    }

    private Map<String, Object> tokenFacts(String userid, String name) {
        return Map.of("expire", 0, "privsep", context.access().sharesUserPrivileges(userid + "!" + name) ? 0 : 1);
    }

    private String requireUser(Call call) {
        String userid = call.path("userid");
        if (!context.access().userids().contains(userid)) {
            throw PveError.server("no such user ('" + userid + "')\n");
        }
        return userid;
    }
}

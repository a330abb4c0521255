package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notification targets and matchers as a fresh PVE has them (pve-manager API2/Cluster/Notifications.pm
 * over proxmox-notify): the built-in sendmail target {@code mail-to-root} and the built-in
 * {@code default-matcher} routing everything to it; no Gotify, SMTP or webhook endpoint. An unknown
 * name is proxmox-notify's 404.
 */
final class NotificationEndpoints {

    private static final String BASE = "/cluster/notifications";
    private static final String TARGET = "mail-to-root";
    private static final String MATCHER = "default-matcher";

    private final ApiContext context;

    NotificationEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", BASE + "/endpoints/sendmail", call -> List.of(sendmail())));
        routes.add(new Route("GET", BASE + "/endpoints/sendmail/{name}", call -> {
            Map<String, Object> target = sendmail();
            target.remove("origin");
            return named(call, TARGET, "endpoint", target);
        }));
        for (String kind : List.of("gotify", "smtp", "webhook")) {
            routes.add(new Route("GET", BASE + "/endpoints/" + kind, call -> List.of()));
            routes.add(new Route("GET", BASE + "/endpoints/" + kind + "/{name}", call -> {
                throw notFound("endpoint", call.path("name"));
            }));
        }
        routes.add(new Route("GET", BASE + "/targets", call -> List.of(Map.of("name", TARGET, "type", "sendmail",
                "comment", "Send mails to root@pam's email address", "origin", "builtin"))));
        routes.add(new Route("GET", BASE + "/matchers", call -> List.of(matcher())));
        routes.add(new Route("GET", BASE + "/matchers/{name}", call -> {
            Map<String, Object> matcher = matcher();
            matcher.remove("origin");
            return named(call, MATCHER, "matcher", matcher);
        }));
        routes.add(new Route("GET", BASE + "/matcher-fields", call -> List.of(Map.of("name", "type"),
                Map.of("name", "hostname"), Map.of("name", "job-id"))));
        routes.add(new Route("GET", BASE + "/matcher-field-values", call -> fieldValues()));
    }

    private static Map<String, Object> sendmail() {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", TARGET);
        target.put("mailto-user", List.of("root@pam"));
        target.put("comment", "Send mails to root@pam's email address");
        target.put("origin", "builtin");
        return target;
    }

    private static Map<String, Object> matcher() {
        Map<String, Object> matcher = new LinkedHashMap<>();
        matcher.put("name", MATCHER);
        matcher.put("target", List.of(TARGET));
        matcher.put("comment", "Route all notifications to mail-to-root");
        matcher.put("origin", "builtin");
        return matcher;
    }

    /** The values clients may match on: the notification types PVE sends and the cluster's node names. */
    private List<Map<String, Object>> fieldValues() {
        List<Map<String, Object>> values = new ArrayList<>();
        for (String type : List.of("package-updates", "fencing", "replication", "vzdump", "system-mail")) {
            values.add(Map.of("field", "type", "value", type));
        }
        context.cluster().nodes().forEach(node -> values.add(Map.of("field", "hostname", "value", node.name())));
        return values;
    }

    private static Map<String, Object> named(Call call, String existing, String kind, Map<String, Object> entry) {
        if (!call.path("name").equals(existing)) {
            throw notFound(kind, call.path("name"));
        }
        return entry;
    }

    private static PveError notFound(String kind, String name) {
        return PveError.withStatus(404, kind + " '" + name + "' not found\n");
    }
}

package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.List;
import java.util.Map;

/**
 * ACME as a fresh PVE has it (pve-manager API2/ACMEAccount.pm, ACMEPlugin.pm): no account, only
 * the built-in {@code standalone} plugin, the two Let's Encrypt directories. The terms of service
 * and directory metadata, which PVE fetches from the directory, are Let's Encrypt's as published;
 * the DNS challenge schema is empty (PVE reads it from the acme.sh plugins installed).
 */
final class AcmeEndpoints {

    private static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
    private static final String TOS = "https://letsencrypt.org/documents/LE-SA-v1.5-February-24-2025.pdf";

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/cluster/acme/account", call -> List.of()));
        routes.add(new Route("GET", "/cluster/acme/account/{name}", call -> {
            throw PveError.parameter("name", "ACME account config file '" + call.path("name") + "' does not exist.");
        }));
        routes.add(new Route("GET", "/cluster/acme/plugins", call -> List.of(Map.of("plugin", "standalone",
                "type", "standalone"))));
        routes.add(new Route("GET", "/cluster/acme/plugins/{id}", call -> {
            if (!call.path("id").equals("standalone")) {
                throw PveError.server("ACME plugin '" + call.path("id") + "' not defined\n");
            }
            return Map.of("plugin", "standalone", "type", "standalone");
        }));
        routes.add(new Route("GET", "/cluster/acme/directories", call -> List.of(
                Map.of("name", "Let's Encrypt V2", "url", LETS_ENCRYPT),
                Map.of("name", "Let's Encrypt V2 Staging", "url", "https://acme-staging-v02.api.letsencrypt.org/directory"))));
        routes.add(new Route("GET", "/cluster/acme/tos", call -> TOS));
        routes.add(new Route("GET", "/cluster/acme/meta", call -> Map.of("termsOfService", TOS,
                "website", "https://letsencrypt.org", "caaIdentities", List.of("letsencrypt.org"))));
        routes.add(new Route("GET", "/cluster/acme/challenge-schema", call -> List.of()));
    }
}

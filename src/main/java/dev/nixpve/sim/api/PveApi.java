package dev.nixpve.sim.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nixpve.sim.fault.Fault;
import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.http.SimHttpServer;
import dev.nixpve.sim.http.SimRequest;
import dev.nixpve.sim.http.SimResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's pveproxy: routes {@code /api2/json/...}, authenticates, applies injected HTTP
 * faults, checks parameters against the official schema and permissions against the token, runs
 * the endpoint under the cluster's lock, and answers in PVE's envelope and error shapes.
 */
public final class PveApi implements SimHttpServer.Handler {

    /** A list result that also carries PVE's {@code total} (task logs). */
    public record WithTotal(Object data, int total) {
    }

    private record Match(Route route, Map<String, String> variables) {
    }

    private static final String PREFIX = "/api2/json";
    private static final Duration FAILED_LOGIN_DELAY = Duration.ofSeconds(3);
    private static final String UPLOAD = "/nodes/{node}/storage/{storage}/upload";
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final ApiContext context;
    private final Schema schema;
    private final List<Route> routes = new ArrayList<>();
    private final UploadEndpoint upload;

    public PveApi(ApiContext context, Schema schema) {
        this.context = context;
        this.schema = schema;
        this.upload = new UploadEndpoint(context);
        new ClusterEndpoints(context).register(routes);
        new StorageEndpoints(context).register(routes);
        new QemuEndpoints(context).register(routes);
        new AgentEndpoints(context).register(routes);
        new TaskEndpoints(context).register(routes);
        new NetworkEndpoints(context).register(routes);
        new SdnEndpoints(context).register(routes);
        new SdnZoneEndpoints(context).register(routes);
        new NodeStatusEndpoints(context).register(routes);
        new SnapshotEndpoints(context).register(routes);
        new VmReadEndpoints(context).register(routes);
        new AgentInfoEndpoints(context).register(routes);
        new FirewallEndpoints(context).register(routes);
        new StorageReadEndpoints(context).register(routes);
        new LxcEndpoints(context).register(routes, schema.templates("GET"));
        new PoolEndpoints().register(routes);
        new UserEndpoints(context).register(routes);
        new RealmEndpoints(context).register(routes);
        new ClusterConfigEndpoints(context).register(routes);
        new ClusterJobsEndpoints(context).register(routes);
        new MetricsEndpoints(context).register(routes);
        new HaEndpoints(context).register(routes);
        new NotificationEndpoints(context).register(routes);
        new AcmeEndpoints().register(routes);
        new CephEndpoints().register(routes);
        // last: a directory index only where no endpoint above serves the path
        new DirectoryEndpoints(context, schema.directories()).register(routes);
        routes.add(new Route("POST", UPLOAD, call -> {
            throw new IllegalStateException("uploads are streamed, not routed");
        }));
    }

    @Override
    public SimResponse handle(SimRequest request) throws IOException {
        try {
            SimResponse answer = success(dispatch(request));
            context.cluster().faults().answered(request.method(), apiPath(request));
            return answer;
        } catch (RefusedBeforeBody refused) {
            return SimResponse.empty(refused.error.status(), refused.error.reason()).delayed(FAILED_LOGIN_DELAY);
        } catch (PveError error) {
            return failure(error, request);
        }
    }

    /**
     * pveproxy's auth_handler checks the upload privilege itself, before a byte of the body is read
     * (uploads skip the CSRF check, so this stands in for it); as every auth_handler failure, the
     * 403 comes bare, 3 s late, and closes the connection with the body unread.
     */
    private static void requireUploadPrivilege(Principal principal, Map<String, String> variables) {
        String path = "/storage/" + variables.get("storage");
        if (!principal.grants().has(path, "Datastore.AllocateTemplate")) {
            throw new RefusedBeforeBody(PveError.permission(path, "Datastore.AllocateTemplate"));
        }
    }

    /** An error raised in pveproxy's auth_handler, answered without a body. */
    private static final class RefusedBeforeBody extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient PveError error;

        RefusedBeforeBody(PveError error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private Object dispatch(SimRequest request) throws IOException {
        String method = request.method();
        String path = apiPath(request);
        Match match = route(method, path);
        String template = match.route().template();
        EndpointRules rules = schema.rules(method, template)
                .orElseThrow(() -> PveError.notImplemented("Method '" + method + " " + path + "' not implemented"));
        synchronized (context.cluster()) {
            context.cluster().catchUp();
        }
        boolean isUpload = template.equals(UPLOAD);
        Principal principal = template.equals("/access/ticket") ? null
                : context.access().authenticate(request, context.now(), context.credentialsExpireAt());
        if (principal != null) {
            if (isUpload) {
                requireUploadPrivilege(principal, match.variables());
            }
            context.access().checkCsrf(request, principal, context.now(), isUpload);
            if (principal.tokenid().isPresent() && !rules.allowToken()) {
                throw PveError.forbidden("URI '" + PREFIX + path + "' not available with API token, need proper ticket.");
            }
        }
        if (context.cluster().faults().takeHttp500(method, path)) {
            if (isUpload) {
                request.body().transferTo(java.io.OutputStream.nullOutputStream()); // pveproxy spools it first
            }
            throw PveError.server(Fault.Http500.message(method, path) + "\n");
        }
        String node = match.variables().get("node");
        if (node != null && rules.proxied() && !isOnline(node)) {
            throw PveError.proxy(595, "No route to host");
        }
        if (isUpload) {
            return upload.handle(match.variables(), request, rules, principal);
        }
        Map<String, List<String>> raw = RequestParams.read(request);
        rejectConflictingPathParameters(match.variables(), raw);
        Map<String, String> params = rules.validate(match.variables(), raw);
        if (principal != null) {
            Map<String, String> scope = new LinkedHashMap<>(params);
            scope.putAll(match.variables());
            PermissionCheck.require(rules.permissionCheck(), principal.grants(), scope);
        }
        Call call = new Call(method, template, match.variables(), params, principal, request);
        synchronized (context.cluster()) {
            context.cluster().catchUp();
            // Again, under the lock: a timed outage may have struck since the check above, and a
            // call handled on a node that is down would start tasks no outage ever abandons.
            if (node != null && rules.proxied() && !isOnline(node)) {
                throw PveError.proxy(595, "No route to host");
            }
            return match.route().endpoint().handle(call);
        }
    }

    private boolean isOnline(String node) {
        synchronized (context.cluster()) {
            return context.cluster().node(node).map(n -> n.online()).orElse(true);
        }
    }

    private static String apiPath(SimRequest request) {
        String path = request.path().replaceAll("/{2,}", "/");
        if (!path.startsWith(PREFIX + "/")) {
            throw PveError.notImplemented("Method '" + request.method() + " " + path + "' not implemented");
        }
        String rest = path.substring(PREFIX.length());
        return rest.length() > 1 && rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    private Match route(String method, String path) {
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.match(method, path);
            if (variables.isPresent()) {
                return new Match(route, variables.get());
            }
        }
        throw PveError.notImplemented("Method '" + method + " " + path + "' not implemented");
    }

    /** A path parameter repeated in the body must agree with the URI. */
    private static void rejectConflictingPathParameters(Map<String, String> variables, Map<String, List<String>> raw) {
        variables.forEach((name, value) -> {
            List<String> sent = raw.remove(name);
            if (sent != null && sent.stream().anyMatch(v -> !v.equals(value))) {
                throw PveError.parameter(name, "duplicate parameter (already defined in URI) with conflicting values!");
            }
        });
    }

    private static SimResponse success(Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        if (data instanceof WithTotal withTotal) {
            envelope.put("data", withTotal.data());
            envelope.put("total", withTotal.total());
        } else {
            envelope.put("data", data);
        }
        return SimResponse.json(200, "OK", json(envelope));
    }

    /** PVE's error shapes: 401 bare and late; others {data:null} plus message (and errors for 400). */
    private static SimResponse failure(PveError error, SimRequest request) {
        if (error.status() == 401) {
            boolean ticketCall = request.path().startsWith(PREFIX + "/access/ticket");
            SimResponse response = ticketCall ? SimResponse.json(401, error.reason(), "{\"data\":null}")
                    : SimResponse.empty(401, error.reason());
            return response.delayed(FAILED_LOGIN_DELAY);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", null);
        if (!error.errors().isEmpty()) {
            envelope.put("errors", error.errors());
        }
        String message = error.getMessage();
        envelope.put("message", message.endsWith("\n") ? message : message + "\n");
        return SimResponse.json(error.status(), error.reason(), json(envelope));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

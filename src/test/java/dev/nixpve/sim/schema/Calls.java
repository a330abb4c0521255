package dev.nixpve.sim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test shorthand: validate "key=value" parameters against a concrete request path. */
final class Calls {

    static final ApiSchema PVE91 = ApiSchema.of(PveVersion.V9_1);
    static final ApiSchema PVE84 = ApiSchema.of(PveVersion.V8_4);

    private Calls() {
    }

    static Validation validate(ApiSchema schema, String method, String path, String... params) {
        EndpointMatch match = schema.match(method, path)
                .orElseThrow(() -> new AssertionError("no endpoint for " + method + " " + path));
        return schema.validate(match, params(params));
    }

    static Validation validate(String method, String path, String... params) {
        return validate(PVE91, method, path, params);
    }

    /** "k=v" pairs; a key given twice gets two values. */
    static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            params.computeIfAbsent(pair.substring(0, eq), k -> new java.util.ArrayList<>()).add(pair.substring(eq + 1));
        }
        return params;
    }

    static ValidatedParams accepted(Validation validation) {
        if (validation instanceof Validation.Rejected rejected) {
            throw new AssertionError("expected acceptance, got " + rejected.errors());
        }
        return ((Validation.Accepted) validation).params();
    }

    static Map<String, String> errors(Validation validation) {
        return assertInstanceOf(Validation.Rejected.class, validation, "expected a rejection").errors().asMap();
    }

    /** Asserts the request is rejected with exactly this one error. */
    static void assertError(Validation validation, String param, String message) {
        assertEquals(Map.of(param, message), errors(validation));
    }

    /** Creating VM 100 on node pve1 with the given extra parameters. */
    static Validation create(ApiSchema schema, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = "vmid=100";
        System.arraycopy(params, 0, all, 1, params.length);
        return validate(schema, "POST", "/nodes/pve1/qemu", all);
    }

    static Validation create(String... params) {
        return create(PVE91, params);
    }
}

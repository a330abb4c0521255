package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.List;
import java.util.function.Function;

/**
 * Answers that do not depend on the cluster's state, for what the simulator never holds (pools,
 * containers, replication jobs, metric servers...): an empty list, as a fresh PVE cluster answers,
 * and for one entry of such a list, the error PVE raises when it finds no such entry.
 */
final class Fixed {

    private Fixed() {
    }

    /** An empty list; the path's node must still exist. */
    static Endpoint emptyList(ApiContext context) {
        return call -> {
            PathObjects.require(context, call);
            return List.of();
        };
    }

    /** PVE's {@code die "...\n"}: a 500 with {@code message}, made from the call's path variables. */
    static Endpoint missing(ApiContext context, Function<Call, String> message) {
        return call -> {
            PathObjects.require(context, call);
            throw PveError.server(message.apply(call) + "\n");
        };
    }

    /** PVE's {@code raise_param_exc}: a 400 naming the parameter. */
    static Endpoint badParameter(ApiContext context, String parameter, Function<Call, String> message) {
        return call -> {
            PathObjects.require(context, call);
            throw PveError.parameter(parameter, message.apply(call));
        };
    }
}

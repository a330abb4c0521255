package dev.nixpve.sim.api;

import java.util.List;
import java.util.Map;

/**
 * What the official schema says about one endpoint beyond its parameters, and the parameter check
 * itself: {@code validate} returns the parameters as PVE would see them, or throws PVE's 400.
 */
public interface EndpointRules {

    /** The schema's {@code permissions.check} expression, or empty for "user: all"/"world". */
    List<Object> permissionCheck();

    boolean allowToken();

    /** {@code proxyto: node}: pveproxy forwards the call to {@code {node}}. */
    boolean proxied();

    Map<String, String> validate(Map<String, String> pathVariables, Map<String, List<String>> params);
}

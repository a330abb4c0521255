package dev.nixpve.sim.api;

import java.util.Optional;

/** The API schema of the PVE version the simulator plays: rules per method and path template. */
@FunctionalInterface
public interface Schema {

    Optional<EndpointRules> rules(String method, String template);
}

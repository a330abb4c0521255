package dev.nixpve.sim.schema;

import java.util.Map;

/** A request path resolved to its endpoint, e.g. {@code /nodes/pve1/qemu/9100/config} → {node=pve1, vmid=9100}. */
public record EndpointMatch(EndpointSchema endpoint, Map<String, String> pathVariables) {

    public EndpointMatch {
        pathVariables = Map.copyOf(pathVariables);
    }
}

package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.http.SimRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One validated API call: path variables and parameters (strings, as PVE's schema checked them). */
public record Call(String method, String template, Map<String, String> pathVariables, Map<String, String> params,
                   Principal principal, SimRequest request) {

    public String node() {
        return pathVariables.get("node");
    }

    public int vmid() {
        return Integer.parseInt(pathVariables.get("vmid"));
    }

    public String path(String name) {
        return pathVariables.get(name);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public String required(String name) {
        return param(name).orElseThrow(() -> PveError.parameter(name, "property is missing and it is not optional"));
    }

    /** A schema boolean: "1"/"0" (also true/false from a JSON body). */
    public boolean flag(String name, boolean otherwise) {
        return param(name).map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(otherwise);
    }

    public Optional<Integer> integer(String name) {
        return param(name).map(Integer::parseInt);
    }

    public Duration seconds(String name, Duration otherwise) {
        return integer(name).map(Duration::ofSeconds).orElse(otherwise);
    }

    /** A {@code -list} format value: separated by ',', ';' or white space. */
    public List<String> list(String name) {
        return param(name).map(v -> List.of(v.split("[,;\\s]+"))).orElse(List.of()).stream()
                .filter(s -> !s.isEmpty()).toList();
    }
}

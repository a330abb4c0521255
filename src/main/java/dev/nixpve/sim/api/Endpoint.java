package dev.nixpve.sim.api;

import java.io.IOException;

/** The handler of one method + path template; returns the value of the response's {@code data}. */
@FunctionalInterface
public interface Endpoint {

    Object handle(Call call) throws IOException;
}

package dev.nixpve.sim.http;

import java.io.IOException;

/** Thrown by a handler to drop the connection without an answer (a TCP reset), as a failing network does. */
public final class ConnectionReset extends IOException {

    private static final long serialVersionUID = 1L;

    public ConnectionReset(String why) {
        super(why);
    }
}

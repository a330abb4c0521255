package dev.nixpve.proxmox.wire;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The two JVM-wide settings the HTTP client relies on, applied once and explicitly at start-up
 * ({@code cli.Main}) rather than as a side effect of loading a class.
 */
public final class JvmHttpSettings {

    /**
     * Jersey warns through java.util.logging whenever Content-Length is set by hand, although
     * fixed-length streaming is exactly what makes HttpURLConnection honour it. Held in a field so
     * the level survives garbage collection of the logger.
     */
    private static final Logger JERSEY_CONNECTOR_LOG =
            Logger.getLogger("org.glassfish.jersey.client.internal.HttpUrlConnector");

    private JvmHttpSettings() {
    }

    public static void apply() {
        JERSEY_CONNECTOR_LOG.setLevel(Level.SEVERE);
        // HttpURLConnection silently re-sends a POST once when a kept-alive connection drops; a
        // create or clone that already reached PVE must never run twice.
        System.setProperty("sun.net.http.retryPost", "false");
    }
}

package dev.nixpve.proxmox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Loading the transport changes nothing JVM-wide; the start-up call does, and only it. */
class JvmHttpSettingsTest {

    private static final String RETRY_POST = "sun.net.http.retryPost";

    @Test
    void loadingTheTransportLeavesTheJvmAloneAndStartUpAppliesTheSettings() throws Exception {
        String before = System.clearProperty(RETRY_POST);
        try {
            loadAfresh("dev.nixpve.proxmox.wire.JerseyTransport");
            assertNull(System.getProperty(RETRY_POST), "loading JerseyTransport must not set " + RETRY_POST);

            JvmHttpSettings.apply();

            assertEquals("false", System.getProperty(RETRY_POST));
            assertEquals(Level.SEVERE,
                    Logger.getLogger("org.glassfish.jersey.client.internal.HttpUrlConnector").getLevel());
        } finally {
            if (before == null) {
                System.clearProperty(RETRY_POST);
            } else {
                System.setProperty(RETRY_POST, before);
            }
            JvmHttpSettings.apply();
        }
    }

    /** Loads and initialises the class in a class loader of its own, so its static initialiser runs now. */
    private static void loadAfresh(String className) throws Exception {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        try (URLClassLoader fresh = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> loaded = Class.forName(className, true, fresh);
            assertNotSame(JerseyTransport.class, loaded, "the class must come from the fresh loader");
        }
    }
}

package dev.nixpve.proxmox.wire;

import dev.nixpve.config.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Turns a {@link TlsTrust} into an SSLContext and host name policy for the HTTP client. */
public final class TlsContexts {

    /** The SSL pieces, plus the last certificate the server presented (for error messages). */
    public record Tls(SSLContext sslContext, HostnameVerifier hostnameVerifier,
                      AtomicReference<X509Certificate> lastPresented) {

        public Optional<String> presentedFingerprint() {
            return Optional.ofNullable(lastPresented.get()).map(TlsContexts::fingerprintOf);
        }
    }

    /** Thrown inside the handshake when a pinned fingerprint does not match. */
    public static final class FingerprintMismatch extends CertificateException {
        private static final long serialVersionUID = 1L;

        FingerprintMismatch(String expected, String presented) {
            super("certificate fingerprint " + presented + " does not match the pinned " + expected);
        }
    }

    private TlsContexts() {
    }

    public static Tls create(TlsTrust trust) {
        AtomicReference<X509Certificate> presented = new AtomicReference<>();
        try {
            X509TrustManager delegate = trustManager(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recording(delegate, presented)}, null);
            boolean checkHostName = trust instanceof TlsTrust.SystemStore || trust instanceof TlsTrust.CaFile;
            HostnameVerifier verifier = checkHostName ? HttpsURLConnection.getDefaultHostnameVerifier()
                    : (host, session) -> true;
            return new Tls(context, verifier, presented);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust (" + e.getMessage() + ")", e);
        }
    }

    private static X509TrustManager trustManager(TlsTrust trust) throws GeneralSecurityException, IOException {
        if (trust instanceof TlsTrust.CaFile ca) {
            return fromKeyStore(loadPem(ca));
        }
        if (trust instanceof TlsTrust.Pinned pin) {
            return pinned(pin.fingerprint());
        }
        if (trust instanceof TlsTrust.Insecure) {
            return trustAll();
        }
        return fromKeyStore(null);
    }

    /** SHA-256 of the DER encoding, upper-case hex pairs joined by ':' as PVE shows it. */
    public static String fingerprintOf(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore loadPem(TlsTrust.CaFile ca) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(ca.pemFile())) {
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new CertificateException("no certificate in " + ca.pemFile());
            }
        }
        return store;
    }

    private static X509TrustManager fromKeyStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }

    private static X509TrustManager pinned(Fingerprint expected) {
        return new AcceptingTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0) {
                    throw new CertificateException("the server presented no certificate");
                }
                String presented = fingerprintOf(chain[0]);
                if (!expected.matches(chain[0].getEncoded())) {
                    throw new FingerprintMismatch(expected.toString(), presented);
                }
            }
        };
    }

    private static X509TrustManager trustAll() {
        return new AcceptingTrustManager() {
        };
    }

    /** Remembers the server's leaf certificate before deciding, so a failure can show its fingerprint. */
    private static X509TrustManager recording(X509TrustManager delegate, AtomicReference<X509Certificate> seen) {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                delegate.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain != null && chain.length > 0) {
                    seen.set(chain[0]);
                }
                delegate.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return delegate.getAcceptedIssuers();
            }
        };
    }

    private abstract static class AcceptingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

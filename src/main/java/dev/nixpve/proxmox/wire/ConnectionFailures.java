package dev.nixpve.proxmox.wire;

import dev.nixpve.proxmox.model.PveConnectionException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Reads a transport exception's cause chain: what went wrong, and whether a retry could help. */
final class ConnectionFailures {

    /** {@code retryAs} is null when retrying cannot help (unknown host, TLS trust). */
    record Classified(Kind kind, String detail, RetryPolicy.Failure retryAs) {
    }

    private ConnectionFailures() {
    }

    static Classified classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TlsContexts.FingerprintMismatch) {
                return new Classified(Kind.FINGERPRINT_MISMATCH, t.getMessage(), null);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new Classified(Kind.UNREACHABLE, "unknown host " + t.getMessage(), null);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Classified(Kind.UNREACHABLE, message(t, "connection refused"),
                        RetryPolicy.Failure.NOT_CONNECTED);
            }
            if (t instanceof SocketTimeoutException) {
                boolean connecting = String.valueOf(t.getMessage()).toLowerCase().contains("connect");
                return new Classified(connecting ? Kind.UNREACHABLE : Kind.TIMEOUT,
                        connecting ? "connect timed out" : "no answer within the request timeout",
                        connecting ? RetryPolicy.Failure.NOT_CONNECTED : RetryPolicy.Failure.NO_ANSWER);
            }
            if (t instanceof SSLHandshakeException || t instanceof CertificateException) {
                return new Classified(Kind.UNTRUSTED_CERTIFICATE, "certificate not trusted (" + rootMessage(t) + ")",
                        null);
            }
            if (t instanceof SSLException) {
                return new Classified(Kind.PROTOCOL, "TLS failed (" + rootMessage(t) + ")", null);
            }
            if (String.valueOf(t.getMessage()).startsWith("HTTPS hostname wrong")) {
                return new Classified(Kind.UNTRUSTED_CERTIFICATE, t.getMessage(), null);
            }
        }
        return new Classified(Kind.CUT_OFF, rootMessage(error), RetryPolicy.Failure.NO_ANSWER);
    }

    private static String message(Throwable t, String fallback) {
        return t.getMessage() == null ? fallback : t.getMessage();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

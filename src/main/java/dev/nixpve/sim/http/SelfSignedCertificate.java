package dev.nixpve.sim.http;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate made at start-up, as a fresh PVE node makes pve-ssl.pem: self-signed (PVE's is
 * signed by the cluster CA, which no client trusts either), with the host's names and addresses
 * as subject alternative names. Built with the JDK alone (an EC P-256 key and a DER-encoded
 * X.509 v3 body), so the simulator needs neither keytool nor a crypto library.
 */
public final class SelfSignedCertificate {

    private static final char[] STORE_PASSWORD = "nixpve-sim".toCharArray();
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private final X509Certificate certificate;
    private final KeyPair keys;

    private SelfSignedCertificate(X509Certificate certificate, KeyPair keys) {
        this.certificate = certificate;
        this.keys = keys;
    }

    public static SelfSignedCertificate create(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = Der.sequence(Der.oid(1, 2, 840, 10045, 4, 3, 2)); // ecdsa-with-SHA256
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(2, 5, 4, 3), Der.utf8(commonName))));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
            byte[] validity = Der.sequence(Der.generalizedTime(GENERALIZED.format(now.minusDays(1))),
                    Der.generalizedTime(GENERALIZED.format(now.plusYears(2))));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)), // version 3
                    Der.integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm, name, validity, name,
                    keys.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
                    Der.explicit(3, Der.sequence(subjectAltNames(dnsNames, ipAddresses))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            return new SelfSignedCertificate(certificate, keys);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the simulator's certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] subjectAltNames(List<String> dnsNames, List<String> ipAddresses)
            throws java.io.IOException {
        java.io.ByteArrayOutputStream names = new java.io.ByteArrayOutputStream();
        for (String dns : dnsNames) {
            names.writeBytes(Der.implicitPrimitive(2, dns.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        for (String ip : ipAddresses) {
            names.writeBytes(Der.implicitPrimitive(7, InetAddress.getByName(ip).getAddress()));
        }
        return Der.sequence(Der.oid(2, 5, 29, 17), Der.bool(false),
                Der.octetString(Der.tagged(0x30, names.toByteArray())));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the DER, upper-case hex joined by ':' — what PVE reports as ssl_fingerprint. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("pve-ssl", keys.getPrivate(), STORE_PASSWORD, new X509Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up the simulator's TLS: " + e.getMessage(), e);
        }
    }
}

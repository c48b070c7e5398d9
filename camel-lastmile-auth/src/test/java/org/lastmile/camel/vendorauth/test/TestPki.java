package org.lastmile.camel.vendorauth.test;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority made for one test, in memory: it issues server certificates for loopback and client
 * certificates for mutual TLS. Nothing is written to disk or committed.
 */
public final class TestPki {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    /** A new authority named {@code cn}. */
    public TestPki(String cn) {
        caKeys = rsa();
        caCertificate = sign(new X500Name("CN=" + cn), caKeys, null, null);
    }

    /** The authority's certificate. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A certificate for a server on loopback: 127.0.0.1 and localhost. */
    public Issued server() {
        return server(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A server certificate for another host only: a client on loopback must refuse it. */
    public Issued serverFor(String dnsName) {
        return server(new GeneralName(GeneralName.dNSName, dnsName));
    }

    private Issued server(GeneralName... names) {
        KeyPair keys = rsa();
        return new Issued(keys, sign(new X500Name("CN=token-server"), keys, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(names)));
    }

    /** A client certificate named {@code cn}. */
    public Issued client(String cn) {
        KeyPair keys = rsa();
        return new Issued(keys, sign(new X500Name("CN=" + cn), keys, KeyPurposeId.id_kp_clientAuth, null));
    }

    /** A key store with only this authority's certificate. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", caCertificate);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Camel's parameters that trust this authority, and present {@code client} when it is not {@code null}. */
    public SSLContextParameters clientParameters(Issued client) {
        SSLContextParameters parameters = new SSLContextParameters();
        TrustManagersParameters trust = new TrustManagersParameters();
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setKeyStore(trustStore());
        trust.setKeyStore(trustStore);
        parameters.setTrustManagers(trust);
        if (client != null) {
            KeyManagersParameters keyManagers = new KeyManagersParameters();
            KeyStoreParameters keyStore = new KeyStoreParameters();
            keyStore.setKeyStore(client.keyStore());
            keyStore.setPassword(new String(PASSWORD));
            keyManagers.setKeyStore(keyStore);
            keyManagers.setKeyPassword(new String(PASSWORD));
            parameters.setKeyManagers(keyManagers);
        }
        return parameters;
    }

    /** A server's TLS context presenting {@code server} and trusting client certificates of this authority. */
    public SSLContext serverContext(Issued server) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(server.keyStore(), PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new 2048-bit RSA key pair. */
    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new EC key pair on {@code curve} (such as secp256r1). */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as PEM PKCS#8. */
    public static String pkcs8Pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Signs with the authority's key; without {@code purpose}, the authority's own self-signed certificate. */
    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, KeyPurposeId purpose, GeneralNames names) {
        boolean authority = purpose == null;
        try {
            Instant now = Instant.now();
            X500Name issuer = authority ? subject : new X500Name(caCertificate.getSubjectX500Principal().getName());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withRSA");
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(
                    authority ? subjectKeys.getPrivate() : caKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key pair and its certificate, issued by the authority.
     *
     * @param keys        the key pair
     * @param certificate the certificate
     */
    public record Issued(KeyPair keys, X509Certificate certificate) {

        /** A PKCS#12 store holding the key and its certificate, under the alias "key". */
        public KeyStore keyStore() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("key", keys.getPrivate(), PASSWORD, new X509Certificate[] { certificate });
                return store;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

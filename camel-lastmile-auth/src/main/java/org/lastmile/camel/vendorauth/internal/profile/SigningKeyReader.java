package org.lastmile.camel.vendorauth.internal.profile;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Reads the private key of {@code clientAssertionKey}: PEM PKCS#8 ({@code BEGIN PRIVATE KEY}) or a JWK, RSA or EC. Errors
 * name the option and never quote the text, which is a secret.
 */
public final class SigningKeyReader {

    private static final String OPTION = "Option clientAssertionKey: ";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private SigningKeyReader() {
    }

    /** The key the text holds. */
    public static SigningKey read(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            return jwk(trimmed);
        }
        Matcher pem = PEM.matcher(trimmed);
        if (!pem.find()) {
            throw new IllegalArgumentException(OPTION + "neither a PEM private key nor a JWK");
        }
        String type = pem.group(1);
        if (!type.equals("PRIVATE KEY")) {
            throw new IllegalArgumentException(OPTION + "a PEM '" + type + "' is not supported; give an unencrypted"
                    + " PKCS#8 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt) or a JWK");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OPTION + "the PEM text is not valid Base64");
        }
        for (String algorithm : new String[] { "RSA", "EC" }) {
            try {
                return new SigningKey(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)), null);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the next algorithm may read it
            }
        }
        throw new IllegalArgumentException(OPTION + "the PKCS#8 key is neither an RSA nor an EC key");
    }

    private static SigningKey jwk(String text) {
        JWK jwk;
        try {
            jwk = JWK.parse(text);
        } catch (ParseException e) {
            // the parser's message may quote the key's members: name only where it failed
            throw new IllegalArgumentException(OPTION + "not a valid JWK (at offset " + e.getErrorOffset() + ")");
        }
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException(OPTION + "the JWK holds no private key");
        }
        try {
            PrivateKey key;
            if (jwk instanceof RSAKey rsa) {
                key = rsa.toPrivateKey();
            } else if (jwk instanceof ECKey ec) {
                key = ec.toPrivateKey();
            } else {
                throw new IllegalArgumentException(OPTION + "a JWK of type " + jwk.getKeyType() + " is not supported;"
                        + " give an RSA or EC key");
            }
            return new SigningKey(key, jwk.getKeyID());
        } catch (JOSEException e) {
            throw new IllegalArgumentException(OPTION + "the JWK's private key cannot be used");
        }
    }
}

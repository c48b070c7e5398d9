package org.lastmile.camel.vendorauth.internal.profile;

import java.io.IOException;
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
 * Reads the private key of an option such as {@code clientAssertionKey} or {@code dpopKey}: the value itself, or the
 * resource it names, holding PEM PKCS#8 ({@code BEGIN PRIVATE KEY}) or a JWK, RSA or EC. Errors name the option and never
 * quote the text, which is a secret.
 */
public final class SigningKeyReader {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    /** A value that names a resource ({@code file:}, {@code classpath:}, ...); Base64 key material has no colon. */
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private SigningKeyReader() {
    }

    /**
     * The key of an option.
     *
     * @param option    the option's name, for errors
     * @param value     the option's value: PEM, a JWK, or a resource URI
     * @param resources reads the resource the value names
     */
    public static SigningKey read(String option, String value, ResourceReader resources) {
        return read("Option " + option + ": ", keyText(option, value, resources));
    }

    /**
     * The key's text: the value itself when it is PEM or a JWK, else read from the resource it names. Only a value that
     * looks like a URI is ever quoted in an error: anything else may be a key.
     */
    private static String keyText(String option, String value, ResourceReader resources) {
        String trimmed = value.trim();
        if (trimmed.startsWith("-----") || trimmed.startsWith("{")) {
            return trimmed;
        }
        if (!URI_SCHEME.matcher(trimmed).matches() || trimmed.contains("\n")) {
            throw new IllegalArgumentException("Option " + option + " is neither a PEM private key, a JWK nor a"
                    + " resource URI (file:, classpath:)");
        }
        try {
            return resources.read(trimmed);
        } catch (IOException e) {
            throw new IllegalArgumentException("Option " + option + ": cannot read " + trimmed + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static SigningKey read(String prefix, String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            return jwk(prefix, trimmed);
        }
        Matcher pem = PEM.matcher(trimmed);
        if (!pem.find()) {
            throw new IllegalArgumentException(prefix + "neither a PEM private key nor a JWK");
        }
        String type = pem.group(1);
        if (!type.equals("PRIVATE KEY")) {
            throw new IllegalArgumentException(prefix + "a PEM '" + type + "' is not supported; give an unencrypted"
                    + " PKCS#8 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt) or a JWK");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "the PEM text is not valid Base64");
        }
        for (String algorithm : new String[] { "RSA", "EC" }) {
            try {
                return new SigningKey(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)), null);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the next algorithm may read it
            }
        }
        throw new IllegalArgumentException(prefix + "the PKCS#8 key is neither an RSA nor an EC key");
    }

    private static SigningKey jwk(String prefix, String text) {
        JWK jwk;
        try {
            jwk = JWK.parse(text);
        } catch (ParseException e) {
            // the parser's message may quote the key's members: name only where it failed
            throw new IllegalArgumentException(prefix + "not a valid JWK (at offset " + e.getErrorOffset() + ")");
        }
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException(prefix + "the JWK holds no private key");
        }
        try {
            PrivateKey key;
            if (jwk instanceof RSAKey rsa) {
                key = rsa.toPrivateKey();
            } else if (jwk instanceof ECKey ec) {
                key = ec.toPrivateKey();
            } else {
                throw new IllegalArgumentException(prefix + "a JWK of type " + jwk.getKeyType() + " is not supported;"
                        + " give an RSA or EC key");
            }
            return new SigningKey(key, jwk.getKeyID());
        } catch (JOSEException e) {
            throw new IllegalArgumentException(prefix + "the JWK's private key cannot be used");
        }
    }
}

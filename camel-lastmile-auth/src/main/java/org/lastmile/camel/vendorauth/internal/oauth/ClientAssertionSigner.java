package org.lastmile.camel.vendorauth.internal.oauth;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.lastmile.camel.vendorauth.internal.profile.ClientAssertion;
import org.lastmile.camel.vendorauth.internal.profile.Credential;

/**
 * Signs the JWT client assertion of {@code private_key_jwt} and {@code client_secret_jwt} (RFC 7523 §2.2, OpenID Connect
 * Core §9): {@code iss} = {@code sub} = the client id, {@code aud}, a fresh {@code jti}, {@code iat} and {@code exp}. A new
 * one for every request, so that a server refusing replayed {@code jti}s never sees one twice.
 */
public final class ClientAssertionSigner {

    /** The {@code client_assertion_type} of a JWT assertion. */
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** The serialized, signed assertion of the credential's client, issued now. */
    String sign(Credential credential, Instant now) {
        ClientAssertion assertion = credential.client().assertion();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(assertion.algorithm().name()))
                .keyID(assertion.keyId())
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(credential.clientId())
                .subject(credential.clientId())
                .audience(assertion.audience())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(assertion.lifetime())))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer(assertion, credential.client().secret()));
        } catch (JOSEException e) {
            // start-up checks key and algorithm, so this is a fault of the JVM's providers; their words name no key
            throw new IllegalStateException("The client assertion could not be signed with " + assertion.algorithm() + ": "
                    + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static JWSSigner signer(ClientAssertion assertion, String clientSecret) throws JOSEException {
        return switch (assertion.algorithm()) {
            case RS256, PS256 -> new RSASSASigner(assertion.privateKey());
            case ES256 -> new ECDSASigner((ECPrivateKey) assertion.privateKey());
            case HS256 -> new MACSigner(clientSecret.getBytes(StandardCharsets.UTF_8));
        };
    }
}

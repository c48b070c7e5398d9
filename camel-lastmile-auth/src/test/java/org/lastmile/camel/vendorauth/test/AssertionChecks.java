package org.lastmile.camel.vendorauth.test;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static org.assertj.core.api.Assertions.assertThat;

/** What a token server checks of a JWT client assertion (RFC 7523 §3), as a test asserts it. */
public final class AssertionChecks {

    private AssertionChecks() {
    }

    /**
     * Asserts that the request authenticated with a valid client assertion and no secret, and returns its {@code jti}.
     *
     * @param request  the request the token server received
     * @param verifier checks the signature with the client's public key (or the shared secret)
     * @param keyId    the {@code kid} expected, or {@code null} for none
     * @param clientId the client id: {@code iss} and {@code sub}
     * @param audience the {@code aud} expected
     * @param lifetime from {@code iat} to {@code exp}
     */
    public static String verify(TokenServer.Request request, JWSVerifier verifier, String algorithm, String keyId,
                                String clientId, String audience, Duration lifetime) throws ParseException, JOSEException {
        assertThat(request.form()).containsEntry("client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer").doesNotContainKey("client_secret");
        assertThat(request.authorization()).as("no Basic credentials besides the assertion").isNull();
        SignedJWT jwt = SignedJWT.parse(request.form().get("client_assertion"));
        assertThat(jwt.verify(verifier)).as("signature").isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keyId);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(clientId);
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getAudience()).isEqualTo(List.of(audience));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(lifetime);
        assertThat(claims.getExpirationTime()).as("not expired when received").isInTheFuture();
        return claims.getJWTID();
    }
}

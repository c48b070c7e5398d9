package org.lastmile.camel.simulators;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The DPoP simulator takes only proofs that RFC 9449 lets a strict server take, and binds its tokens to their key. */
class DpopVendorTest {

    private static final VendorCredentials ACCOUNT = new VendorCredentials("id+1", "s3cret", "ann@example.com", "pw",
            "M1");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SimulatorServer server = new SimulatorServer();
    private final DpopVendor vendor = server.add(new DpopVendor(ACCOUNT, Clock.systemUTC()));
    private final HttpClient http = HttpClient.newHttpClient();
    private final KeyPair key = newKey();

    DpopVendorTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The proof's parts, so that each test can spoil one. */
    private record Proof(String typ, String jwkExtra, String htm, String htu, long iat, String jti, String ath,
                         String nonce) {

        Proof with(String field, Object value) {
            return new Proof(field.equals("typ") ? (String) value : typ, field.equals("jwkExtra") ? (String) value : jwkExtra,
                    field.equals("htm") ? (String) value : htm, field.equals("htu") ? (String) value : htu,
                    field.equals("iat") ? (Long) value : iat, field.equals("jti") ? (String) value : jti,
                    field.equals("ath") ? (String) value : ath, field.equals("nonce") ? (String) value : nonce);
        }
    }

    private Proof tokenProof() {
        return new Proof("dpop+jwt", "", "POST", vendor.tokenUrl(), Instant.now().getEpochSecond(),
                UUID.randomUUID().toString(), null, null);
    }

    private Proof apiProof(String token) {
        return new Proof("dpop+jwt", "", "GET", vendor.url("/api/orders"), Instant.now().getEpochSecond(),
                UUID.randomUUID().toString(), DpopProofCheck.sha256(token), null);
    }

    private String sign(Proof proof, KeyPair with) throws Exception {
        ECPublicKey publicKey = (ECPublicKey) with.getPublic();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(publicKey.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(publicKey.getW().getAffineY()) + "\"" + proof.jwkExtra() + "}";
        String header = "{\"typ\":\"" + proof.typ() + "\",\"alg\":\"ES256\",\"jwk\":" + jwk + "}";
        String claims = "{\"jti\":\"" + proof.jti() + "\",\"htm\":\"" + proof.htm() + "\",\"htu\":\"" + proof.htu()
                + "\",\"iat\":" + proof.iat() + (proof.ath() == null ? "" : ",\"ath\":\"" + proof.ath() + "\"")
                + (proof.nonce() == null ? "" : ",\"nonce\":\"" + proof.nonce() + "\"") + "}";
        String input = b64(header) + "." + b64(claims);
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(with.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    private String sign(Proof proof) throws Exception {
        return sign(proof, key);
    }

    private HttpResponse<String> token(String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vendor.tokenUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("id%2B1:s3cret".getBytes()));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String scheme, String token, String proof, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vendor.url("/api/orders") + query))
                .GET().header("Authorization", scheme + " " + token);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String accessToken(HttpResponse<String> answer) {
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
        assertThat(token.find()).as(answer.body()).isTrue();
        return token.group(1);
    }

    @Test
    void bindsTheTokenToTheProofsKey() throws Exception {
        HttpResponse<String> granted = token(sign(tokenProof()));

        assertThat(granted.statusCode()).as(vendor.refusals().toString()).isEqualTo(200);
        assertThat(granted.body()).contains("\"token_type\":\"DPoP\"");
        String thumbprint = vendor.boundThumbprint(vendor.lastIssued());
        assertThat(vendor.proofsByThumbprint()).containsOnlyKeys(thumbprint);
        String token = accessToken(granted);
        assertThat(api("DPoP", token, sign(apiProof(token)), "?page=2").statusCode())
                .as("htu without the query").isEqualTo(200);
        assertThat(vendor.proofsByThumbprint()).containsEntry(thumbprint, 2);
    }

    @Test
    void refusesEachSpoiledTokenRequestProof() throws Exception {
        assertThat(token(null).statusCode()).isEqualTo(400);
        assertThat(token(sign(tokenProof().with("typ", "JWT"))).statusCode()).isEqualTo(400);
        assertThat(token(sign(tokenProof().with("jwkExtra", ",\"d\":\"AAAA\""))).statusCode()).as("a private jwk")
                .isEqualTo(400);
        assertThat(token(sign(tokenProof().with("htm", "GET"))).statusCode()).isEqualTo(400);
        assertThat(token(sign(tokenProof().with("htu", vendor.tokenUrl() + "?a=b"))).statusCode()).isEqualTo(400);
        assertThat(token(sign(tokenProof().with("iat", Instant.now().minusSeconds(120).getEpochSecond()))).statusCode())
                .isEqualTo(400);
        assertThat(token(sign(tokenProof().with("ath", "x"))).statusCode()).as("ath at a token endpoint").isEqualTo(400);
        String proof = sign(tokenProof());
        String forged = proof.substring(0, proof.lastIndexOf('.') + 1) + B64.encodeToString(new byte[64]);
        assertThat(token(forged).statusCode()).isEqualTo(400);
        assertThat(token(proof).statusCode()).isEqualTo(200);
        assertThat(token(proof).statusCode()).as("the same jti again").isEqualTo(400);

        assertThat(vendor.tokensIssued()).isEqualTo(1);
        assertThat(vendor.refusals()).hasSize(9).allMatch(why -> why.startsWith("token request proof"));
    }

    @Test
    void theApiTakesOnlyAProofOfTheBoundKeyWithTheTokensHash() throws Exception {
        String token = accessToken(token(sign(tokenProof())));
        KeyPair other = newKey();

        assertThat(api("Bearer", token, sign(apiProof(token)), "").statusCode()).as("a bound token as Bearer")
                .isEqualTo(401);
        assertThat(api("DPoP", token, null, "").statusCode()).isEqualTo(401);
        assertThat(api("DPoP", token, sign(apiProof(token).with("ath", DpopProofCheck.sha256("other"))), "").statusCode())
                .isEqualTo(401);
        assertThat(api("DPoP", token, sign(apiProof(token), other), "").statusCode()).as("another key").isEqualTo(401);
        assertThat(api("DPoP", token, sign(apiProof(token).with("htm", "POST")), "").statusCode()).isEqualTo(401);
        assertThat(api("dpop", token, sign(apiProof(token)), "").statusCode()).as("the scheme in any case").isEqualTo(200);
    }

    @Test
    void eachSideChallengesForItsOwnNonce() throws Exception {
        vendor.requireTokenNonce(true);
        HttpResponse<String> challenge = token(sign(tokenProof()));
        assertThat(challenge.statusCode()).isEqualTo(400);
        assertThat(challenge.body()).contains("\"error\":\"use_dpop_nonce\"");
        String nonce = challenge.headers().firstValue("DPoP-Nonce").orElseThrow();
        String token = accessToken(token(sign(tokenProof().with("nonce", nonce))));

        vendor.requireApiNonce(true);
        HttpResponse<String> apiChallenge = api("DPoP", token, sign(apiProof(token)), "");
        assertThat(apiChallenge.statusCode()).isEqualTo(401);
        assertThat(apiChallenge.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("DPoP error=\"use_dpop_nonce\"");
        String apiNonce = apiChallenge.headers().firstValue("DPoP-Nonce").orElseThrow();
        assertThat(apiNonce).isNotEqualTo(nonce);
        assertThat(api("DPoP", token, sign(apiProof(token).with("nonce", apiNonce)), "").statusCode()).isEqualTo(200);

        assertThat(vendor.tokenNonceChallenges()).isEqualTo(1);
        assertThat(vendor.apiNonceChallenges()).isEqualTo(1);
        assertThat(vendor.tokensIssued()).isEqualTo(1);
    }

    @Test
    void answersBearerWhenToldAndBindsNothing() throws Exception {
        vendor.answerBearer(true);
        HttpResponse<String> granted = token(sign(tokenProof()));

        assertThat(granted.body()).contains("\"token_type\":\"Bearer\"");
        assertThat(vendor.boundThumbprint(vendor.lastIssued())).isNull();
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return B64.encodeToString(fixed);
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

package org.lastmile.camel.vendorauth.internal.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.hc.core5.http.HttpHeaders;
import org.lastmile.camel.vendorauth.internal.profile.ClientAuthentication;
import org.lastmile.camel.vendorauth.internal.profile.Credential;

/**
 * How the client proves who it is on a token request: one record per method of {@link ClientAuthentication}, each a
 * {@link RequestDecorator}. {@link #of} is exhaustive, so a new method that has no authenticator does not compile.
 */
public sealed interface ClientAuthenticator extends RequestDecorator {

    /** The authenticator of a method. */
    static ClientAuthenticator of(ClientAuthentication method, ClientAssertionSigner signer) {
        return switch (method) {
            case BASIC -> new SecretBasic(true);
            case BASIC_RAW -> new SecretBasic(false);
            case BODY -> new SecretPost();
            case PRIVATE_KEY_JWT, CLIENT_SECRET_JWT -> new Assertion(signer);
            case TLS_CLIENT_AUTH -> new TlsClient();
            case NONE -> new Anonymous();
        };
    }

    /**
     * {@code Authorization: Basic} of id and secret: form-encoded first as RFC 6749 §2.3.1 says, or raw, as several
     * vendors document it.
     */
    record SecretBasic(boolean formEncoded) implements ClientAuthenticator {
        @Override
        public void decorate(TokenRequest request) {
            Credential credential = request.credential();
            String id = nullToEmpty(credential.clientId());
            String secret = nullToEmpty(credential.client().secret());
            String pair = formEncoded ? formEncode(id) + ':' + formEncode(secret) : id + ':' + secret;
            request.header(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** {@code client_id} and {@code client_secret} in the body ({@code client_secret_post}). */
    record SecretPost() implements ClientAuthenticator {
        @Override
        public void decorate(TokenRequest request) {
            request.parameter("client_id", request.credential().clientId());
            request.parameter("client_secret", request.credential().client().secret());
        }
    }

    /**
     * RFC 7523 §2.2: a JWT assertion signed for this request ({@code private_key_jwt}, {@code client_secret_jwt}), with
     * {@code client_id}: optional by RFC 7521 §4.2 when the assertion names the client, yet several servers require it.
     */
    record Assertion(ClientAssertionSigner signer) implements ClientAuthenticator {
        @Override
        public void decorate(TokenRequest request) {
            String assertion = signer.sign(request.credential(), request.now());
            request.secret(assertion);
            request.parameter("client_id", request.credential().clientId());
            request.parameter("client_assertion_type", ClientAssertionSigner.JWT_BEARER);
            request.parameter("client_assertion", assertion);
        }
    }

    /** RFC 8705 §2.1: the handshake's client certificate authenticates; {@code client_id} in the body. */
    record TlsClient() implements ClientAuthenticator {
        @Override
        public void decorate(TokenRequest request) {
            request.parameter("client_id", request.credential().clientId());
        }
    }

    /** The vendor does not authenticate the client. */
    record Anonymous() implements ClientAuthenticator {
        @Override
        public void decorate(TokenRequest request) {
            // nothing to add
        }
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

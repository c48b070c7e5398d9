package org.lastmile.camel.vendorauth;

import org.apache.camel.spi.Metadata;

/** The headers the component reads and writes. */
public final class VendorAuthConstants {

    @Metadata(description = "Written by enrich: Bearer and the token. Read by invalidate: the token to drop.",
              javaType = "String")
    public static final String AUTHORIZATION = "Authorization";
    @Metadata(description = "Written by enrich when the profile's environment names an API base URL, so that a route can"
            + " call toD(\"${header.CamelVendorAuthBaseUrl}/path\").", javaType = "String")
    public static final String BASE_URL = "CamelVendorAuthBaseUrl";
    @Metadata(description = "Read by enrich and invalidate: the name of the credential to use for this exchange, one of"
            + " the credentialProvider's (or of the camel.vendorauth.credentials.<name>.* properties). Without it, the"
            + " endpoint's own options are the credential.", javaType = "String")
    public static final String CREDENTIAL = "CamelVendorAuthCredential";
    @Metadata(description = "Read by enrich for grantType token_exchange or jwt_bearer: the caller's token, on whose"
            + " behalf a token is asked for. Without it, the Bearer token of the incoming Authorization header is the"
            + " subject. Removed from the message once read.", javaType = "String")
    public static final String SUBJECT_TOKEN = "CamelVendorAuthSubjectToken";
    @Metadata(description = "Written by invalidate: whether the token was still current and has been dropped.",
              javaType = "Boolean")
    public static final String INVALIDATED = "CamelVendorAuthInvalidated";

    private VendorAuthConstants() {
    }
}

package org.lastmile.camel.vendorauth.internal.profile;

import java.util.List;

import org.lastmile.camel.vendorauth.spi.DpopKey;

/**
 * A credential's DPoP settings (RFC 9449): the key the user gave, if any, and whether a token endpoint that answers
 * {@code token_type: Bearer} is accepted. A credential without DPoP has none ({@code null}).
 *
 * @param key         the key of {@code dpopKey}, or {@code null}: then one is made per credential, in the single flight
 * @param allowBearer whether a bearer token is accepted from a server that did not bind it ({@code dpopAllowBearer})
 */
public record DpopPolicy(DpopKey key, boolean allowBearer) {

    /**
     * The settings of the options, or {@code null} when {@code dpop} is off.
     *
     * @param dpop        option {@code dpop}
     * @param keyOption   option {@code dpopKey}, or {@code null}
     * @param allowBearer option {@code dpopAllowBearer}
     * @param resources   reads the resource {@code dpopKey} names
     */
    public static DpopPolicy resolve(boolean dpop, String keyOption, boolean allowBearer, ResourceReader resources) {
        boolean keyGiven = keyOption != null && !keyOption.isBlank();
        if (!dpop) {
            if (keyGiven) {
                throw new IllegalArgumentException("Option dpopKey is set but dpop is not: set dpop=true to use DPoP");
            }
            return null;
        }
        return new DpopPolicy(keyGiven ? DpopKeyReader.read(keyOption, resources) : null, allowBearer);
    }

    /**
     * The key of the next token: the one the current token is bound to (a refresh or renewal keeps it), else the given
     * one, else a new one. Called by whoever won the credential's flight, so that one key is made for the cluster.
     */
    public DpopKey keyFor(DpopKey current) {
        return current != null ? current : key != null ? key : DpopKey.generate();
    }

    /** What DPoP adds to the credential's identity: a given key's thumbprint (no secret), and the bearer rule. */
    List<String> identity() {
        return List.of("dpop", key == null ? "made per credential" : key.thumbprint(), String.valueOf(allowBearer));
    }

    @Override
    public String toString() {
        return "DpopPolicy[key=" + (key == null ? "made per credential" : key) + ", allowBearer=" + allowBearer + "]";
    }
}

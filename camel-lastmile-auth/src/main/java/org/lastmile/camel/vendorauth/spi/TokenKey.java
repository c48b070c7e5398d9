package org.lastmile.camel.vendorauth.spi;

/**
 * Names one credential's token in a store without revealing the credential. The id is an HMAC of everything that shapes
 * the token request (URLs, grant, client, user, parameters), keyed by a key derived from the credential's own secrets: the
 * same credential gets the same id on every member, and whoever does not know the secrets cannot test a guess. The same
 * secrets yield a second, independent key that stores use to encrypt the token. Keys are derived by the credential they
 * name; a store only reads them.
 */
public final class TokenKey {

    private final String id;
    private final String profile;
    private final byte[] sealingKey;

    /**
     * A key as its credential derives it.
     *
     * @param id         the credential's HMAC id, 40 hex digits
     * @param profile    the profile's name
     * @param sealingKey the 256-bit key with which stores encrypt the credential's token
     */
    public TokenKey(String id, String profile, byte[] sealingKey) {
        if (id == null || !id.matches("[0-9a-f]{40}") || sealingKey == null || sealingKey.length != 32) {
            throw new IllegalArgumentException("A token key needs a 40-hex-digit id and a 256-bit sealing key");
        }
        this.id = id;
        this.profile = profile;
        this.sealingKey = sealingKey.clone();
    }

    /** The id: 40 hex digits, safe to use as a map key or in a log line. */
    public String id() {
        return id;
    }

    /** The profile's name. */
    public String profile() {
        return profile;
    }

    /** A copy of the 256-bit key with which stores encrypt this credential's token. */
    public byte[] sealingKey() {
        return sealingKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKey key && key.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return profile + "/" + id.substring(0, 12);
    }
}

package org.lastmile.camel.vendorauth;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A subject token's text as a map key, hashed cheaply: a caller's token is a kilobyte or more, every exchange brings a
 * new string of it, and {@link String#hashCode()} would read all of it on every lookup. This hash reads its length and
 * 32 characters spread over it, the last ones included (a JWT's signature, an opaque token's randomness), mixed with a
 * seed of this JVM; equality compares the whole text, once the hash matched. Tokens that differ only elsewhere share a
 * bucket, where {@link Comparable} keeps a lookup logarithmic, so a crafted flood degrades nothing more than that.
 */
final class SubjectKey implements Comparable<SubjectKey> {

    private static final int SEED = ThreadLocalRandom.current().nextInt();
    private static final int SAMPLES = 32;

    private final String text;
    private final int hash;

    SubjectKey(String text) {
        this.text = text;
        this.hash = hashOf(text);
    }

    private static int hashOf(String text) {
        int length = text.length();
        int h = SEED ^ length;
        if (length <= SAMPLES) {
            for (int i = 0; i < length; i++) {
                h = 31 * h + text.charAt(i);
            }
        } else {
            int step = length / SAMPLES;
            for (int i = length - 1, n = 0; n < SAMPLES / 2; i--, n++) {
                h = 31 * h + text.charAt(i);
            }
            for (int i = 0, n = 0; n < SAMPLES / 2; i += step, n++) {
                h = 31 * h + text.charAt(i);
            }
        }
        return h ^ (h >>> 16);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectKey that && hash == that.hash && text.equals(that.text);
    }

    @Override
    public int compareTo(SubjectKey other) {
        return text.compareTo(other.text);
    }

    @Override
    public String toString() {
        return "SubjectKey[" + text.length() + " characters]";
    }
}

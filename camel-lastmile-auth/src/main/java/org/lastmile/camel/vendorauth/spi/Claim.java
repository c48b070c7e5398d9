package org.lastmile.camel.vendorauth.spi;

/**
 * What {@link TokenStore#claim} answers: a token to use, the right to fetch one, or the failure of the flight that was
 * waited on. Only {@link Won} obliges the caller to do something: end its lease.
 */
public sealed interface Claim {

    /** A token that passed the caller's {@code reusable} test, or that the flight this caller waited on stored. */
    record Found(AccessToken token) implements Claim {
    }

    /** This caller won the flight: it asks the vendor and ends the lease with the outcome. */
    record Won(Lease lease) implements Claim {
    }

    /** The flight this caller waited on (in this JVM or on another member) failed. */
    record Failed(FailureState state) implements Claim {
    }
}

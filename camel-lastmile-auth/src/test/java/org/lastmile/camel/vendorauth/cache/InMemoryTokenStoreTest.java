package org.lastmile.camel.vendorauth.cache;

class InMemoryTokenStoreTest extends TokenStoreContract {

    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Override
    protected TokenStore store() {
        return store;
    }
}

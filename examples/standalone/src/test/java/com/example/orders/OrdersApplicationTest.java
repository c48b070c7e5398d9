package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** The application against a small token endpoint and API on loopback: many orders, one token. */
class OrdersApplicationTest {

    @Test
    void everyOrderCarriesTheTokenFetchedOnce() throws Exception {
        AtomicInteger tokenCalls = new AtomicInteger();
        HttpServer vendor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        vendor.createContext("/oauth/token", exchange -> {
            tokenCalls.incrementAndGet();
            answer(exchange, "application/json", "{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        });
        vendor.createContext("/orders", exchange -> answer(exchange, "text/plain",
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
        vendor.start();
        String url = "http://127.0.0.1:" + vendor.getAddress().getPort();
        Main main = new Main();
        main.addOverrideProperty("camel.component.vendorauth.token-url", url + "/oauth/token");
        main.addOverrideProperty("camel.component.vendorauth.client-id", "orders-client");
        main.addOverrideProperty("camel.component.vendorauth.client-secret", "orders-secret");
        // this JVM's own embedded cluster, which no other build on the machine joins
        main.addOverrideProperty("camel.component.vendorauth.cluster-name", "orders-" + ProcessHandle.current().pid());
        main.addOverrideProperty("orders.api-url", url);
        main.configure().addRoutesBuilder(OrdersApplication.routes());
        try {
            main.start();
            for (int i = 0; i < 5; i++) {
                assertEquals("Bearer t-1", main.getCamelTemplate().requestBody("direct:orders", "order " + i, String.class));
            }
            assertEquals(1, tokenCalls.get());
        } finally {
            main.stop();
            vendor.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

package dev.daybook.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.BiFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for ingestion-api's {@code POST /v1/jobs}, so the diary page's submit path can run in a browser
 * against this module alone: answers the CORS preflight like the real service, hands the uploaded body and
 * the token's {@code sub} to a handler that creates the job, and returns 202 with the job id.
 */
public final class FakeIngestion {

    private final HttpServer server;
    private volatile BiFunction<String, byte[], String> onSubmit = (user, body) -> {
        throw new IllegalStateException("no submission expected");
    };

    private FakeIngestion(HttpServer server) {
        this.server = server;
    }

    public static FakeIngestion start() {
        try {
            FakeIngestion fake = new FakeIngestion(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            fake.server.createContext("/v1/jobs", fake::handle);
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code handler(userId, multipartBody)} creates the job and returns its id. */
    public void onSubmit(BiFunction<String, byte[], String> handler) {
        this.onSubmit = handler;
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        if (ex.getRequestMethod().equals("OPTIONS")) {
            ex.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
            ex.getResponseHeaders().add("Access-Control-Allow-Headers", "Authorization, Idempotency-Key");
            ex.sendResponseHeaders(204, -1);
            ex.close();
            return;
        }
        String token = ex.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        String user = claims.replaceAll("(?s).*\"sub\":\"([^\"]+)\".*", "$1");
        String id = onSubmit.apply(user, ex.getRequestBody().readAllBytes());
        byte[] body = ("{\"id\":\"" + id + "\",\"status\":\"queued\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("Location", "/v1/jobs/" + id);
        ex.sendResponseHeaders(202, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }
}

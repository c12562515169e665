package dev.daybook.transcription.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server speaking {@code POST /v1/audio/transcriptions}: it parses the real multipart form, hands
 * the uploaded WAV's samples to a {@link Behaviour}, and answers what the behaviour says — verbose_json, an
 * error status with headers, a late answer, garbage, or a connection dropped half-way through the body.
 */
final class FakeTranscriptionServer implements AutoCloseable {

    /** One request as the server understood it. */
    record Upload(Map<String, List<String>> fields, byte[] file, String authorization) {
        short[] samples() {
            ByteBuffer b = ByteBuffer.wrap(file, 44, file.length - 44).order(ByteOrder.LITTLE_ENDIAN);
            short[] s = new short[(file.length - 44) / 2];
            b.asShortBuffer().get(s);
            return s;
        }

        String field(String name) {
            List<String> values = fields.getOrDefault(name, List.of());
            return values.isEmpty() ? null : values.getFirst();
        }
    }

    /** What to answer. */
    sealed interface Answer {
        record Json(int status, String body, Map<String, String> headers) implements Answer {
        }

        record Late(long millis, Answer then) implements Answer {
        }

        /** Announces a body of 10,000 bytes, sends a few, and closes the connection. */
        record Dropped() implements Answer {
        }
    }

    interface Behaviour {
        Answer answer(Upload upload);
    }

    private final HttpServer server;
    final List<Upload> uploads = new CopyOnWriteArrayList<>();
    volatile Behaviour behaviour;

    FakeTranscriptionServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/audio/transcriptions", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith("multipart/form-data; boundary=")) {
            send(exchange, new Answer.Json(400, "{\"error\":{\"message\":\"expected a multipart POST\"}}", Map.of()));
            return;
        }
        Upload upload = parse(body, type.substring(type.indexOf('=') + 1), exchange.getRequestHeaders().getFirst("Authorization"));
        uploads.add(upload);
        send(exchange, behaviour.answer(upload));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        switch (answer) {
            case Answer.Json j -> {
                byte[] bytes = j.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                j.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(j.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            case Answer.Late l -> {
                try {
                    Thread.sleep(l.millis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, l.then());
            }
            case Answer.Dropped d -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 10_000);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"text\":\"he was not".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // the server closes the socket with 9,980 bytes still owed
                exchange.close();
            }
        }
    }

    /** A multipart/form-data body: text fields by name (repeatable), and the file part's bytes. */
    private static Upload parse(byte[] body, String boundary, String authorization) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        byte[] file = null;
        List<Integer> starts = new ArrayList<>();
        for (int i = indexOf(body, delimiter, 0); i >= 0; i = indexOf(body, delimiter, i + delimiter.length)) {
            starts.add(i);
        }
        for (int k = 0; k + 1 < starts.size(); k++) {
            int partStart = starts.get(k) + delimiter.length + 2;
            int partEnd = starts.get(k + 1) - 2;
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), partStart);
            String headers = new String(body, partStart, headerEnd - partStart, StandardCharsets.UTF_8);
            String name = headers.replaceAll("(?s).*name=\"([^\"]*)\".*", "$1");
            byte[] content = java.util.Arrays.copyOfRange(body, headerEnd + 4, partEnd);
            if (headers.contains("filename=")) {
                file = content;
            } else {
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(new String(content, StandardCharsets.UTF_8));
            }
        }
        return new Upload(fields, file, authorization);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

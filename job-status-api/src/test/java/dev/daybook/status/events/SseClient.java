package dev.daybook.status.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small Server-Sent Events client over the JDK's HttpClient, parsing the stream as the HTML specification
 * says (fields {@code id}, {@code event}, {@code data}; comments ignored; an event ends at a blank line).
 * Each event notes when it arrived ({@link System#nanoTime()}), for the latency benchmark.
 */
public final class SseClient implements AutoCloseable {

    /** One event; {@code id} is null when the event had none. */
    public record Event(String id, String type, String data, long receivedAtNanos) {
    }

    /** What {@link #next} gives once the server has closed the stream. */
    public static final Event END = new Event(null, "(end)", "", 0);

    private final int status;
    private final String errorBody;
    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private SseClient(int status, String errorBody, InputStream body) {
        this.status = status;
        this.errorBody = errorBody;
        this.body = body;
    }

    /** Opens the stream; returns once the response headers are in. */
    public static SseClient connect(HttpClient http, URI uri, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<InputStream> res = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                try (InputStream in = res.body()) {
                    return new SseClient(res.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
                }
            }
            SseClient client = new SseClient(200, null, res.body());
            Thread.ofVirtual().name("sse-client").start(client::read);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    public String errorBody() {
        return errorBody;
    }

    /** The next event, {@link #END} when the stream closed, or null when nothing came within {@code wait}. */
    public Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String type = "message";
            StringBuilder data = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    type = "message";
                    data = null;
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed by close() or by the server: either way the stream is over
        } finally {
            events.add(END);
        }
    }

    @Override
    public void close() {
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}

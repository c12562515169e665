package dev.daybook.status.events;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the {@code text/event-stream} format straight onto the response, from the request's own (virtual)
 * thread. Blocking writes on the request thread, rather than an async {@code SseEmitter}, keep the stream out
 * of async dispatches through the security chain and tie its life to one thread that ends when it ends.
 */
final class SseWriter {

    private final OutputStream out;

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    static SseWriter open(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        // nginx and similar proxies buffer responses unless told not to.
        response.setHeader("X-Accel-Buffering", "no");
        SseWriter writer = new SseWriter(response.getOutputStream());
        response.flushBuffer();
        return writer;
    }

    /** One event; {@code id} null leaves the client's last event id as it was. */
    void event(String id, String type, String data) throws IOException {
        StringBuilder b = new StringBuilder();
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        b.append("event: ").append(type).append('\n');
        for (String line : data.split("\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        write(b.append('\n'));
    }

    /** A comment line: ignored by clients, keeps the connection alive and tells a gone client apart. */
    void comment(String text) throws IOException {
        write(new StringBuilder(": ").append(text.replace('\n', ' ')).append("\n\n"));
    }

    private void write(CharSequence text) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

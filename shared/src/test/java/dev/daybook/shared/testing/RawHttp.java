package dev.daybook.shared.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a socket, for what well-behaved clients refuse to send: non-ASCII header
 * bytes, {@code HEAD} with a body reader, odd methods. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    /** A parsed answer: status, headers (names lower-cased; last one wins) and the body as text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    public static Response send(int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // A server may answer and close before it has read the whole request (a head it refuses at once):
                // what it answered is still its answer, so read it; a server that answered nothing fails below.
            }
            return parse(answer(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the server sent until it closed. A server that closes with part of the request unread resets the
     * connection (RFC 9112, section 9.6), and a read after the answer then fails instead of ending: an answer whose
     * head arrived whole is kept, as a browser or curl would show it. A reset before that is no answer.
     */
    private static byte[] answer(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                got.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (!new String(got.toByteArray(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                throw reset;
            }
        }
        return got.toByteArray();
    }

    /** Builds a request head from a request line and header lines given as raw bytes (ISO-8859-1 text). */
    public static byte[] head(String requestLine, Map<String, byte[]> headers, int contentLength) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
        headers.forEach((name, value) -> {
            b.writeBytes((name + ": ").getBytes(StandardCharsets.ISO_8859_1));
            b.writeBytes(value);
            b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        });
        if (contentLength >= 0) {
            b.writeBytes(("Content-Length: " + contentLength + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 1")) { // 100 Continue and other interim answers come before the real one
            int interimEnd = text.indexOf("\r\n\r\n");
            if (interimEnd < 0) {
                break;
            }
            text = text.substring(interimEnd + 4);
        }
        int end = text.indexOf("\r\n\r\n");
        String headText = end < 0 ? text : text.substring(0, end);
        String[] lines = headText.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ")) {
            throw new IllegalStateException("not an HTTP response: " + text);
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String body = end < 0 ? "" : text.substring(end + 4);
        if (headers.containsKey("content-length")) {
            body = body.substring(0, Math.min(body.length(), Integer.parseInt(headers.get("content-length"))));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        // chunk sizes count bytes, so the body is decoded as UTF-8 only after de-chunking
        return new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}

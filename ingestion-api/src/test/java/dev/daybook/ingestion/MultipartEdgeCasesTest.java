package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * How {@code POST /v1/jobs} answers each odd shape of a multipart body, on a raw socket: the statuses and codes
 * the service gave when Tomcat parsed the body (recorded before the streaming parser replaced it, and kept
 * since; the changes: a file part named like a field was a 500 and is now 400, an empty boundary parameter
 * was 400 and is now 415, both {@code invalid_request}), and that a rejection leaves
 * no spool file and no stored blob. Rows that are accepted check that a
 * field is honoured wherever it comes: before the audio, after it, or in the query string.
 */
class MultipartEdgeCasesTest extends IngestionTestBase {

    private static final String B = "edgeB0undary";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("daybook.ingestion.admission.tiers.standard", () -> "100000/1m");
    }

    static Stream<Arguments> bodies() {
        byte[] tone = read("too-short-0.3s.wav");
        byte[] speech = read("entry1.wav");
        String mp = "multipart/form-data; boundary=" + B;
        return Stream.of(
                row("no parts", mp, ascii("--" + B + "--\r\n"), 400, "invalid_request"),
                row("empty body", mp, new byte[0], 400, "invalid_request"),
                row("a part without headers", mp, ascii("--" + B + "\r\n\r\n--" + B + "--\r\n"), 400, "invalid_request"),
                row("audio as a plain field", mp, ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"audio\"\r\n\r\nnot a file\r\n--" + B + "--\r\n"), 400, "invalid_request"),
                row("path in the file name", mp, ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"../../etc/passwd\"\r\n\r\nRIFF\r\n--" + B + "--\r\n"), 415, "unsupported_format"),
                row("only a field", mp, ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n--" + B + "--\r\n"), 400, "invalid_request"),
                row("base64 transfer encoding", mp, ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\nContent-Transfer-Encoding: base64\r\n\r\nUklGRg==\r\n--" + B + "--\r\n"), 415, "unsupported_format"),
                row("a 20,000-character part name", mp, ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"" + "n".repeat(20_000) + "\"\r\n\r\nx\r\n--" + B + "--\r\n"), 413, "audio_too_large"),
                row("a part without a name", mp, ascii("--" + B + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + B + "--\r\n"), 400, "invalid_request"),
                row("no closing boundary", mp, ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n\r\nRIFF"), 400, "invalid_request"),
                row("cut in the middle of the audio", mp, Arrays.copyOf(file(speech, Map.of()), 100_000), 400, "invalid_request"),
                row("another boundary", mp, ascii("--other\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n\r\nx\r\n--other--\r\n"), 400, "invalid_request"),
                row("garbage", mp, ascii("garbage without any boundary at all"), 400, "invalid_request"),
                row("no boundary parameter", "multipart/form-data", file(tone, Map.of()), 400, "invalid_request"),
                // was 400: Spring now refuses the unparseable media type (415, the same code) before the body is read
                row("an empty boundary parameter", "multipart/form-data; boundary=", file(tone, Map.of()), 415, "invalid_request"),
                row("a quoted boundary and a charset", "multipart/form-data; boundary=\"" + B + "\"; charset=utf-7", file(tone, Map.of()), 415, "invalid_request"),
                row("two audio parts", mp, concat(part("audio", "a.wav", tone), part("audio", "b.wav", tone), ascii("--" + B + "--\r\n")), 400, "invalid_request"),
                row("a bad field after the audio", mp, concat(part("audio", "a.wav", speech), field("language", "english!"), ascii("--" + B + "--\r\n")), 400, "invalid_request"),
                row("a bad field twice", mp, concat(field("priority", "high"), field("priority", "low"), part("audio", "a.wav", speech), ascii("--" + B + "--\r\n")), 400, "invalid_request"),
                row("60 fields", mp, concat(fields(60), part("audio", "a.wav", tone), ascii("--" + B + "--\r\n")), 413, "audio_too_large"),
                row("a field value of 300 KB", mp, concat(field("callback_url", "https://example.com/" + "a".repeat(300_000)), part("audio", "a.wav", tone), ascii("--" + B + "--\r\n")), 400, "invalid_request"),
                row("fields around the audio", mp, concat(field("priority", "high"), part("audio", "a.wav", speech), field("language", "en-GB"), field("ignored", "x"), ascii("--" + B + "--\r\n")), 202, null),
                row("a file part named like a field", mp, concat(part("language", "x.txt", ascii("english!")), part("audio", "a.wav", speech), ascii("--" + B + "--\r\n")), 400, "invalid_request"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("bodies")
    void answersAsBefore(String name, String contentType, byte[] body, int status, String code) {
        long stored = filesUnder("storage");
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", ascii("Bearer " + token("edge", "standard")));
        headers.put("Content-Type", ascii(contentType));
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("POST /v1/jobs HTTP/1.1", headers, body.length), body);
        assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(status);
        assertThat(filesUnder("spool")).isZero();
        assertThat(filesUnder("multipart")).isZero();
        JsonNode json = JSON.readTree(r.body());
        if (code != null) {
            assertThat(r.header("content-type")).startsWith("application/problem+json");
            assertThat(json.path("code").asString()).isEqualTo(code);
            assertThat(filesUnder("storage")).isEqualTo(stored);
        } else {
            assertThat(json.path("priority").asString()).isEqualTo("high");
            assertThat(filesUnder("storage")).isEqualTo(stored + 2);
        }
    }

    @org.junit.jupiter.api.Test
    void aFieldInTheQueryStringCounts() {
        byte[] body = file(read("entry1.wav"), Map.of());
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", ascii("Bearer " + token("edge", "standard")));
        headers.put("Content-Type", ascii("multipart/form-data; boundary=" + B));
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("POST /v1/jobs?language=english! HTTP/1.1", headers, body.length), body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("code").asString()).isEqualTo("invalid_request");
        assertThat(filesUnder("spool")).isZero();
    }

    private static Arguments row(String name, String contentType, byte[] body, int status, String code) {
        return Arguments.of(name, contentType, body, status, code);
    }

    private static byte[] file(byte[] audio, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(field(k, v)));
        out.writeBytes(part("audio", "a.wav", audio));
        out.writeBytes(ascii("--" + B + "--\r\n"));
        return out.toByteArray();
    }

    private static byte[] part(String name, String filename, byte[] content) {
        return concat(ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"), content, ascii("\r\n"));
    }

    private static byte[] field(String name, String value) {
        return concat(ascii("--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"),
                value.getBytes(StandardCharsets.UTF_8), ascii("\r\n"));
    }

    private static byte[] fields(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            out.writeBytes(field("f" + i, "v"));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] read(String name) {
        try {
            return Files.readAllBytes(DIARY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

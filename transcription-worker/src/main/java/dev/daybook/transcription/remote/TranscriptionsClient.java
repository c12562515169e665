package dev.daybook.transcription.remote;

import dev.daybook.shared.net.RetryAfter;
import dev.daybook.transcription.asr.AsrException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call of {@code POST /v1/audio/transcriptions} with the JDK's HTTP client (as the LLM worker's
 * providers use): a multipart form with the WAV {@code file}, {@code model}, {@code response_format=verbose_json},
 * {@code timestamp_granularities[]} {@code word} and {@code segment}, and {@code language} when known.
 *
 * <p>Every failure is an {@link AsrException} the chain falls back on: a timeout, a dropped connection, a
 * non-2xx status (with the server's {@code Retry-After} on 429 and 503, so the engine rests exactly that long),
 * or an answer that is not the JSON the protocol promises.
 */
final class TranscriptionsClient implements AutoCloseable {

    private static final Duration NO_WAIT_GIVEN = null;

    private final HttpClient http;
    private final RemoteSettings settings;
    private final JsonMapper json;

    TranscriptionsClient(RemoteSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
    }

    VerboseTranscription transcribe(byte[] wav, String language) throws AsrException {
        String boundary = "daybook-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.readTimeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(form(boundary, wav, language)));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw refused(response);
        }
        try {
            return json.readValue(response.body(), VerboseTranscription.class);
        } catch (JacksonException e) {
            throw new AsrException(settings.id() + ": the answer is not verbose_json: " + e.getOriginalMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws AsrException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AsrException(settings.id() + ": no answer within " + settings.readTimeout(), e);
        } catch (IOException e) {
            throw new AsrException(settings.id() + ": the connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsrException(settings.id() + ": interrupted while waiting for the server", e);
        }
    }

    private AsrException refused(HttpResponse<String> response) {
        int status = response.statusCode();
        Duration wait = status == 429 || status == 503
                ? RetryAfter.of(name -> response.headers().firstValue(name)).orElse(NO_WAIT_GIVEN) : NO_WAIT_GIVEN;
        String body = response.body() == null ? "" : response.body();
        return new AsrException(settings.id() + ": HTTP " + status + ": "
                + body.substring(0, Math.min(200, body.length())), null, wait);
    }

    /** Lets calls in flight finish and closes the idle connections. */
    @Override
    public void close() {
        http.close();
    }

    /** The multipart body as byte arrays, the audio not copied. */
    private List<byte[]> form(String boundary, byte[] wav, String language) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n"));
        parts.add(wav);
        parts.add(ascii("\r\n"));
        field(parts, boundary, "model", settings.model());
        field(parts, boundary, "response_format", "verbose_json");
        field(parts, boundary, "timestamp_granularities[]", "word");
        field(parts, boundary, "timestamp_granularities[]", "segment");
        Optional.ofNullable(language).filter(l -> !l.isBlank()).ifPresent(l -> field(parts, boundary, "language", l));
        parts.add(ascii("--" + boundary + "--\r\n"));
        return parts;
    }

    private static void field(List<byte[]> parts, String boundary, String name, String value) {
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

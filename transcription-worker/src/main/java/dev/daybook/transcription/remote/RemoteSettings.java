package dev.daybook.transcription.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One remote engine: a server speaking the OpenAI-compatible {@code POST /v1/audio/transcriptions} (OpenAI,
 * Groq, a faster-whisper server such as speaches, vLLM, whisper.cpp's server on a GPU pool).
 *
 * @param id              engine id, {@code remote-<name>}
 * @param baseUrl         up to and including {@code /v1}, e.g. {@code https://api.openai.com/v1}
 * @param apiKey          sent as {@code Authorization: Bearer}; blank for a server that wants none
 * @param model           e.g. {@code whisper-1}, {@code whisper-large-v3}, {@code Systran/faster-whisper-large-v3}
 * @param connectTimeout  TCP (and TLS) connect
 * @param readTimeout     from the request sent to the response's headers, per piece
 * @param maxUploadBytes  largest file the server takes (OpenAI: 25 MB); longer recordings are sent in pieces cut at pauses
 * @param usdPerMinute    price of a minute of audio, counted in the daily ledger
 * @param dailyBudgetUsd  spend per UTC day past which the engine is not called (the chain falls back); 0 = unlimited
 * @param languages       ISO 639-1 codes it transcribes; empty = any
 */
public record RemoteSettings(String id, URI baseUrl, String apiKey, String model, Duration connectTimeout,
                             Duration readTimeout, long maxUploadBytes, double usdPerMinute, double dailyBudgetUsd,
                             Set<String> languages) {

    public RemoteSettings {
        if (baseUrl == null || model == null || model.isBlank()) {
            throw new IllegalArgumentException(id + ": a remote engine needs base-url and model");
        }
        if (maxUploadBytes < 64_000 || usdPerMinute < 0 || dailyBudgetUsd < 0) {
            throw new IllegalArgumentException(id + ": max-upload-bytes must be >= 64000 and prices/budgets >= 0");
        }
        languages = languages == null ? Set.of() : Set.copyOf(languages);
    }

    /** The endpoint: the base URL with {@code /audio/transcriptions} appended. */
    URI endpoint() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "audio/transcriptions");
    }
}

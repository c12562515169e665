package dev.daybook.status.results;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The media type of a stored recording, from the {@code format} the ingestion report recorded. */
final class AudioTypes {

    private static final Map<String, String> BY_FORMAT = Map.of(
            "wav", "audio/wav", "mp3", "audio/mpeg", "ogg", "audio/ogg", "opus", "audio/ogg",
            "flac", "audio/flac", "m4a", "audio/mp4", "mp4", "audio/mp4", "webm", "audio/webm");

    private AudioTypes() {
    }

    record AudioType(MediaType mediaType, String extension) {
    }

    static AudioType of(String audioReportJson, JsonMapper json) {
        String format = null;
        if (audioReportJson != null && !audioReportJson.isBlank()) {
            JsonNode report = json.readTree(audioReportJson);
            format = report.path("format").asString(null);
        }
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        // ffprobe names some containers by a list ("mov,mp4,m4a,…"): take the first we know.
        for (String part : f.split(",")) {
            String type = BY_FORMAT.get(part.trim());
            if (type != null) {
                return new AudioType(MediaType.parseMediaType(type), part.trim());
            }
        }
        return new AudioType(MediaType.APPLICATION_OCTET_STREAM, "bin");
    }
}

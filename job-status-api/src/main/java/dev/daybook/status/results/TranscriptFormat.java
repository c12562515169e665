package dev.daybook.status.results;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.daybook.status.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;

/**
 * The representations of a transcript. Chosen by {@code ?format=} when given (handy for plain links), else by
 * the {@code Accept} header, else JSON.
 */
enum TranscriptFormat {
    JSON("json", MediaType.APPLICATION_JSON),
    TEXT("txt", new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8)),
    VTT("vtt", new MediaType("text", "vtt", java.nio.charset.StandardCharsets.UTF_8)),
    SRT("srt", new MediaType("application", "x-subrip", java.nio.charset.StandardCharsets.UTF_8));

    private final String extension;
    private final MediaType mediaType;

    TranscriptFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    static TranscriptFormat choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            for (TranscriptFormat t : values()) {
                if (t.extension.equals(f) || t.name().equalsIgnoreCase(f)) {
                    return t;
                }
            }
            throw ApiProblem.badRequest("format must be one of json, txt, vtt, srt");
        }
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        MimeTypeUtils.sortBySpecificity(accepted);
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType a : accepted) {
            for (TranscriptFormat t : values()) {
                if (a.includes(t.mediaType)) {
                    return t;
                }
            }
        }
        throw new ApiProblem(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
                "a transcript is application/json, text/plain, text/vtt or application/x-subrip, not " + accept);
    }
}

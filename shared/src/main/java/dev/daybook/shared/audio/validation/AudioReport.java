package dev.daybook.shared.audio.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The contract's {@code audio} block of an accepted submission. */
public record AudioReport(
        String format,
        String codec,
        @JsonProperty("duration_s") double durationS,
        @JsonProperty("sample_rate") int sampleRate,
        int channels,
        @JsonProperty("size_bytes") long sizeBytes,
        String sha256,
        Quality quality,
        List<String> warnings) {
}

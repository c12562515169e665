package dev.daybook.llm.summarize;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of the transcription worker's {@code transcript.json} this worker reads:
 * {@code {text, language, duration_s, segments[], engine}}; segments and engine are not needed here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Transcript(String text, String language, @JsonProperty("duration_s") Double durationS) {
}

package dev.daybook.shared.audio.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's {@code audio.quality} block and the warnings derived from it. The score (0–1) weighs what hurts
 * transcription most: noise (SNR, half the score), level (too quiet or too hot), clipping, and pauses.
 */
public record Quality(
        double score,
        @JsonProperty("rms_dbfs") double rmsDbfs,
        @JsonProperty("silence_ratio") double silenceRatio,
        @JsonProperty("snr_db") double snrDb,
        @JsonProperty("clipping_ratio") double clippingRatio) {

    static Quality of(Levels l) {
        double snr = clamp((l.snrDb() - 5) / 25);
        double level = l.rmsDbfs() < -45 ? 0 : l.rmsDbfs() < -30 ? (l.rmsDbfs() + 45) / 15 : l.rmsDbfs() > -3 ? 0.5 : 1;
        double clipping = 1 - clamp(l.clippingRatio() * 100);
        double pauses = 1 - l.silenceRatio();
        double score = 0.5 * snr + 0.2 * level + 0.2 * clipping + 0.1 * pauses;
        return new Quality(round(score, 2), round(l.rmsDbfs(), 1), round(l.silenceRatio(), 3), round(l.snrDb(), 1),
                round(l.clippingRatio(), 5));
    }

    List<String> warnings(int sourceSampleRate, int lowSampleRate) {
        List<String> w = new ArrayList<>();
        if (score < 0.5) {
            w.add("low_quality");
        }
        if (sourceSampleRate < lowSampleRate) {
            w.add("low_sample_rate");
        }
        if (silenceRatio > 0.5) {
            w.add("mostly_silence");
        }
        if (clippingRatio > 0.01) {
            w.add("clipping");
        }
        if (rmsDbfs < -40) {
            w.add("quiet");
        }
        return w;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}

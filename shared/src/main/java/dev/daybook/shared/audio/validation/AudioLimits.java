package dev.daybook.shared.audio.validation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What audio is accepted ({@code daybook.ingestion.audio.*}).
 *
 * @param maxSize              upload or download size limit
 * @param minDuration          shorter is {@code audio_too_short}
 * @param maxDuration          longer is {@code audio_too_long}
 * @param minSampleRate        lower is {@code unsupported_format}
 * @param maxSampleRate        higher is {@code unsupported_format}
 * @param maxChannels          more is {@code unsupported_format}
 * @param decodeTimeout        ffmpeg wall-time limit for the validation decode
 * @param silenceThresholdDbfs frames quieter than this count as silence
 * @param maxSilenceRatio      a larger share of silent frames is {@code silent_audio}
 * @param lowSampleRate        below this a {@code low_sample_rate} warning is given
 * @param maxConcurrentDecodes ffmpeg validations running at once; more wait their turn. 0 means two per core
 */
@ConfigurationProperties("daybook.ingestion.audio")
public record AudioLimits(
        @DefaultValue("500MB") DataSize maxSize,
        @DefaultValue("1s") Duration minDuration,
        @DefaultValue("4h") Duration maxDuration,
        @DefaultValue("8000") int minSampleRate,
        @DefaultValue("192000") int maxSampleRate,
        @DefaultValue("8") int maxChannels,
        @DefaultValue("5m") Duration decodeTimeout,
        @DefaultValue("-50") double silenceThresholdDbfs,
        @DefaultValue("0.98") double maxSilenceRatio,
        @DefaultValue("16000") int lowSampleRate,
        @DefaultValue("0") int maxConcurrentDecodes) {

    public AudioLimits {
        if (minDuration.compareTo(maxDuration) >= 0 || maxSize.toBytes() <= 0 || minSampleRate > maxSampleRate) {
            throw new IllegalArgumentException("inconsistent audio limits");
        }
        if (maxSilenceRatio <= 0 || maxSilenceRatio > 1) {
            throw new IllegalArgumentException("maxSilenceRatio must be in (0, 1]");
        }
    }

    int decodeSlots() {
        return maxConcurrentDecodes > 0 ? maxConcurrentDecodes : 2 * Runtime.getRuntime().availableProcessors();
    }

    double minSeconds() {
        return minDuration.toMillis() / 1000.0;
    }

    double maxSeconds() {
        return maxDuration.toMillis() / 1000.0;
    }
}

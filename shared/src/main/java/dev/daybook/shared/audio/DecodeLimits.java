package dev.daybook.shared.audio;

import java.time.Duration;

/**
 * Bounds on one ffmpeg run, so a crafted file cannot hold a CPU or fill a disk.
 *
 * @param wallTime       the process is killed after this long
 * @param maxOutputBytes the process is killed once it has produced more PCM than this
 */
public record DecodeLimits(Duration wallTime, long maxOutputBytes) {

    /** 10 minutes and 4.5 hours of 16 kHz mono 16-bit PCM (≈ 518 MB): enough for the 4 h upload limit. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(Duration.ofMinutes(10), 16_000L * 2 * 3600 * 9 / 2);

    public DecodeLimits {
        if (wallTime == null || wallTime.isNegative() || wallTime.isZero()) {
            throw new IllegalArgumentException("wallTime must be positive");
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive");
        }
    }

    /** Output bound for {@code maxSeconds} of audio at the given PCM format (plus one second of slack). */
    public static DecodeLimits forDuration(Duration wallTime, double maxSeconds, int sampleRate, int channels) {
        return new DecodeLimits(wallTime, (long) ((maxSeconds + 1) * sampleRate * channels * 2));
    }
}

package dev.daybook.shared.audio;

/**
 * What ffprobe says about a file's first audio stream. Header facts, not verified by decoding: a truncated file or
 * a WAV header claiming 2 GB reports a duration its samples do not have — compare with what {@link PcmDecoder}
 * actually delivers.
 *
 * @param format          container as ffprobe names it ({@code wav}, {@code mp3}, {@code ogg}, {@code mov,mp4,m4a,…})
 * @param codec           codec name ({@code pcm_s16le}, {@code mp3}, {@code opus}, {@code aac}, …)
 * @param durationSeconds claimed duration, or {@code NaN} when the container does not say
 * @param sampleRate      Hz
 * @param channels        channel count
 * @param bitsPerSample   bits per raw sample for PCM/FLAC, 0 when the codec has none
 */
public record AudioInfo(String format, String codec, double durationSeconds, int sampleRate, int channels,
                        int bitsPerSample) {

    public boolean hasDuration() {
        return !Double.isNaN(durationSeconds);
    }
}

package dev.daybook.transcription.audio;

import dev.daybook.shared.audio.AudioException;
import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.shared.audio.PcmDecoder;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Decodes any format ffmpeg reads to 16 kHz mono (ffmpeg downmixes and resamples) in an ffmpeg subprocess,
 * through shared's {@link PcmDecoder}. ffmpeg is paced by our reads, so a long recording takes as long as
 * the engine needs: its wall-time limit is therefore the job's whole time budget, not a decoding limit.
 *
 * <p>What ffmpeg rejects, and PCM beyond the output limit, is {@link UndecodableAudioException} (permanent);
 * a decode that outlives its limit is a plain {@link IOException} (transient).
 */
public final class FfmpegDecoder implements AudioDecoder {

    private final DecodeLimits limits;

    public FfmpegDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    @Override
    public PcmInput open(Path file) throws IOException {
        try {
            return new WavDecoder.StreamPcmInput(new Translating(PcmDecoder.open(file, 16_000, 1, limits)), -1);
        } catch (AudioException e) {
            throw translate(e);
        }
    }

    static IOException translate(AudioException e) {
        return switch (e) {
            case AudioException.Corrupt c -> new UndecodableAudioException(c.getMessage(), c);
            case AudioException.OutputLimitExceeded o -> new UndecodableAudioException(o.getMessage(), o);
            case AudioException.TimedOut t -> t;
        };
    }

    /** Turns shared's audio failures into the worker's permanent/transient split as they surface from reads. */
    private static final class Translating extends FilterInputStream {
        Translating(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (AudioException e) {
                throw translate(e);
            }
        }
    }
}

package dev.daybook.shared.audio.validation;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.UniversalAudioInputStream;
import dev.daybook.shared.audio.PcmWavWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a TarsosDSP dispatcher over 16-bit PCM with a {@link LevelMeter} attached: 32 ms frames at the
 * analysis rate, no overlap, nothing buffered beyond one frame. Every byte measured is also written to the
 * decoded copy, so the one decode that validates a recording is the one transcription reads.
 */
final class LevelAnalysis {

    private static final int FRAME = 512;

    private LevelAnalysis() {
    }

    static Levels measure(InputStream pcm, int sampleRate, int channels, double silenceThresholdDb,
                          PcmWavWriter copy) throws IOException {
        TarsosDSPAudioFormat format = new TarsosDSPAudioFormat(sampleRate, 16, channels, true, false);
        TeeingStream source = new TeeingStream(pcm, copy);
        AudioDispatcher dispatcher = new AudioDispatcher(new UniversalAudioInputStream(source, format), FRAME, 0);
        LevelMeter meter = new LevelMeter(silenceThresholdDb);
        dispatcher.addAudioProcessor(meter);
        try {
            dispatcher.run();
        } catch (Error e) {
            // TarsosDSP turns a read failure into an Error with only the message; the cause is kept below
            if (source.failure == null) {
                throw e;
            }
        }
        if (source.failure != null) {
            throw source.failure;
        }
        copy.finish();
        return meter.levels(source.bytes / (2.0 * channels * sampleRate));
    }

    /**
     * Counts and copies what TarsosDSP reads, and remembers the decoder's typed failure (corrupt, timeout, too
     * long) so it survives TarsosDSP.
     */
    private static final class TeeingStream extends FilterInputStream {
        private final PcmWavWriter copy;
        IOException failure;
        long bytes;

        TeeingStream(InputStream in, PcmWavWriter copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytes += n;
                    copy.write(b, off, n);
                }
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}

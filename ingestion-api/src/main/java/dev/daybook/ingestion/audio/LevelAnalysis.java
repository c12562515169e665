package dev.daybook.ingestion.audio;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.UniversalAudioInputStream;
import dev.daybook.shared.audio.PcmStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a TarsosDSP dispatcher over the decoder's PCM with a {@link LevelMeter} attached: 32 ms frames at the
 * analysis rate, no overlap, nothing buffered beyond one frame.
 */
final class LevelAnalysis {

    private static final int FRAME = 512;

    private LevelAnalysis() {
    }

    static Levels measure(PcmStream pcm, double silenceThresholdDb) throws IOException {
        TarsosDSPAudioFormat format = new TarsosDSPAudioFormat(pcm.sampleRate(), 16, pcm.channels(), true, false);
        FailureKeepingStream source = new FailureKeepingStream(pcm);
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
        return meter.levels(pcm.secondsRead());
    }

    /** Remembers the decoder's typed failure (corrupt, timeout, too long) so it survives TarsosDSP. */
    private static final class FailureKeepingStream extends FilterInputStream {
        IOException failure;

        FailureKeepingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}

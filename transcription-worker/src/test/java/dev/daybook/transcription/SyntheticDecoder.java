package dev.daybook.transcription;

import dev.daybook.transcription.audio.AudioDecoder;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.UndecodableAudioException;
import java.nio.file.Path;

/** Generates {@code seconds} of a sawtooth without holding it anywhere; names ending in ".bad" are undecodable. */
final class SyntheticDecoder implements AudioDecoder {

    private final double seconds;
    private final boolean announceLength;

    SyntheticDecoder(double seconds, boolean announceLength) {
        this.seconds = seconds;
        this.announceLength = announceLength;
    }

    @Override
    public PcmInput open(Path file) throws UndecodableAudioException {
        if (file.toString().endsWith(".bad")) {
            throw new UndecodableAudioException("not audio");
        }
        long total = Math.round(seconds * 16_000);
        return new PcmInput() {
            long produced;

            @Override
            public int read(short[] buffer) {
                int n = (int) Math.min(buffer.length, total - produced);
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    buffer[i] = (short) (((produced + i) % 64) * 256 - 8192);
                }
                produced += n;
                return n;
            }

            @Override
            public double durationSeconds() {
                return announceLength ? seconds : -1;
            }

            @Override
            public void close() {
            }
        };
    }
}

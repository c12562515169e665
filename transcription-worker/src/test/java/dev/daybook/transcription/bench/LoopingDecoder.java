package dev.daybook.transcription.bench;

import dev.daybook.transcription.audio.AudioDecoder;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.WavDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Plays the given 16 kHz mono WAV files one after another, round and round, until {@code seconds} of audio. */
final class LoopingDecoder implements AudioDecoder {

    private final List<Path> files;
    private final double seconds;

    LoopingDecoder(List<Path> files, double seconds) {
        this.files = files;
        this.seconds = seconds;
    }

    @Override
    public PcmInput open(Path ignored) {
        long total = Math.round(seconds * 16_000);
        return new PcmInput() {
            long produced;
            int next;
            PcmInput current;

            @Override
            public int read(short[] buffer) throws IOException {
                if (produced >= total) {
                    return -1;
                }
                int n;
                while ((n = current == null ? -1 : current.read(buffer)) <= 0) {
                    if (current != null) {
                        current.close();
                    }
                    current = new WavDecoder().open(files.get(next++ % files.size()));
                }
                n = (int) Math.min(n, total - produced);
                produced += n;
                return n;
            }

            @Override
            public double durationSeconds() {
                return seconds;
            }

            @Override
            public void close() throws IOException {
                if (current != null) {
                    current.close();
                }
            }
        };
    }
}

package dev.daybook.transcription;

import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import java.util.List;
import java.util.function.LongConsumer;

/** An engine that hears one word per second of audio and can be told to fail or to take time. */
final class FakeEngine implements AsrEngine {

    private final String id;
    private final boolean broken;
    private final LongConsumer onSamples;
    int sessions;
    int largestBlock;

    FakeEngine(String id, boolean broken, LongConsumer onSamples) {
        this.id = id;
        this.broken = broken;
        this.onSamples = onSamples;
    }

    FakeEngine(String id) {
        this(id, false, n -> { });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String model() {
        return id + "-model";
    }

    @Override
    public AsrSession open(String language) throws AsrException {
        sessions++;
        if (broken) {
            throw new AsrException(id + " is broken");
        }
        return new AsrSession() {
            long samples;
            long secondsReported;

            @Override
            public void accept(short[] block, int count) {
                largestBlock = Math.max(largestBlock, count);
                samples += count;
                onSamples.accept(count);
            }

            @Override
            public List<Transcript.Segment> finish() {
                double seconds = samples / (double) SAMPLE_RATE;
                return List.of(new Transcript.Segment(0, seconds, "word x" + Math.round(seconds), 0.5));
            }

            /** The segment's two words, each with confidence 0.5. */
            @Override
            public List<Transcript.Word> words() {
                long ms = samples * 1000 / SAMPLE_RATE;
                return List.of(new Transcript.Word("word", 0, ms / 2, 0.5), new Transcript.Word("x" + Math.round(ms / 1000.0), ms / 2, ms, 0.5));
            }

            /** A word {@code s<n>} for each whole second {@code n} heard since the last call. */
            @Override
            public String recognisedSince() {
                StringBuilder words = new StringBuilder();
                for (long s = secondsReported + 1; s <= samples / SAMPLE_RATE; s++) {
                    words.append(words.isEmpty() ? "" : " ").append('s').append(s);
                }
                secondsReported = Math.max(secondsReported, samples / SAMPLE_RATE);
                return words.toString();
            }

            @Override
            public String language() {
                return "en";
            }

            @Override
            public void close() {
            }
        };
    }
}

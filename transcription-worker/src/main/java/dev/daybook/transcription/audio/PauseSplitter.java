package dev.daybook.transcription.audio;

import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where to cut a recording into pieces of at most {@code maxSamples}: each piece ends in the middle of the
 * quietest {@link #PAUSE_FRAMES} × 20 ms stretch of its last part (its second half for {@link #cuts}) — a pause
 * between words in speech, so no word is cut in two. The pieces follow each other with no gap and no overlap, so a word lies in exactly one of
 * them: none lost at a cut, none doubled. The remote engine cuts uploads too large for its server this way,
 * Whisper its ≤ 30 s windows.
 *
 * <p>Quietness is the energy of the samples (sum of squares), which needs no threshold: the quietest stretch
 * is the best cut wherever the noise floor is.
 */
public final class PauseSplitter {

    static final int FRAME = 320;
    static final int PAUSE_FRAMES = 10;
    /** The shortest piece that holds a pause to cut in: two pause lengths. */
    static final int MIN_PIECE = 2 * FRAME * PAUSE_FRAMES;

    private PauseSplitter() {
    }

    /** The piece boundaries in samples: {@code 0, cut₁, …, total}. */
    public static List<Long> cuts(ShortBuffer pcm, long maxSamples) {
        requireRoomForAPause(maxSamples);
        long total = pcm.limit();
        List<Long> cuts = new ArrayList<>(List.of(0L));
        long start = 0;
        while (total - start > maxSamples) {
            start = end(pcm, start, maxSamples / 2, maxSamples);
            cuts.add(start);
        }
        cuts.add(total);
        return cuts;
    }

    /**
     * Where the piece starting at {@code start} ends: the middle of the quietest pause between
     * {@code start + shortest} and {@code start + longest} (which {@code pcm} must hold).
     */
    public static long end(ShortBuffer pcm, long start, long shortest, long longest) {
        if (longest - shortest < FRAME * PAUSE_FRAMES || shortest < 0) {
            throw new IllegalArgumentException("a pause is looked for in at least " + FRAME * PAUSE_FRAMES + " samples");
        }
        return quietestPause(pcm, start + shortest, start + longest);
    }

    private static void requireRoomForAPause(long maxSamples) {
        if (maxSamples < MIN_PIECE) {
            throw new IllegalArgumentException("a piece must hold at least " + MIN_PIECE + " samples");
        }
    }

    /** The middle of the quietest run of frames within [from, to), rounded to a frame. */
    private static long quietestPause(ShortBuffer pcm, long from, long to) {
        int frames = (int) ((to - from) / FRAME);
        double[] energy = new double[frames];
        for (int f = 0; f < frames; f++) {
            energy[f] = energy(pcm, from + (long) f * FRAME);
        }
        double run = 0;
        double best = Double.MAX_VALUE;
        int bestEnd = Math.min(PAUSE_FRAMES, frames);
        for (int f = 0; f < frames; f++) {
            run += energy[f] - (f >= PAUSE_FRAMES ? energy[f - PAUSE_FRAMES] : 0);
            if (f >= PAUSE_FRAMES - 1 && run < best) {
                best = run;
                bestEnd = f + 1;
            }
        }
        return from + (long) (bestEnd - Math.min(PAUSE_FRAMES, frames) / 2) * FRAME;
    }

    private static double energy(ShortBuffer pcm, long at) {
        double sum = 0;
        for (int i = 0; i < FRAME; i++) {
            double s = pcm.get((int) (at + i));
            sum += s * s;
        }
        return sum;
    }
}

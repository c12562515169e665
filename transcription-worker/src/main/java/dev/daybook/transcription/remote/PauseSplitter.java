package dev.daybook.transcription.remote;

import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where to cut a recording too large for one upload: each piece at most {@code maxSamples} long, cut in the
 * middle of the quietest {@link #PAUSE_FRAMES} × 20 ms stretch of the piece's second half — a pause between
 * words in speech, so no word is cut in two. The pieces follow each other with no gap and no overlap, so a
 * word lies in exactly one of them: none lost at a cut, none doubled.
 *
 * <p>Quietness is the energy of the samples (sum of squares), which needs no threshold: the quietest stretch
 * is the best cut wherever the noise floor is.
 */
final class PauseSplitter {

    static final int FRAME = 320;
    static final int PAUSE_FRAMES = 10;

    private PauseSplitter() {
    }

    /** The piece boundaries in samples: {@code 0, cut₁, …, total}. */
    static List<Long> cuts(ShortBuffer pcm, long maxSamples) {
        if (maxSamples < 2L * FRAME * PAUSE_FRAMES) {
            throw new IllegalArgumentException("a piece must hold at least " + 2 * FRAME * PAUSE_FRAMES + " samples");
        }
        long total = pcm.limit();
        List<Long> cuts = new ArrayList<>(List.of(0L));
        long start = 0;
        while (total - start > maxSamples) {
            start = quietestPause(pcm, start + maxSamples / 2, start + maxSamples);
            cuts.add(start);
        }
        cuts.add(total);
        return cuts;
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

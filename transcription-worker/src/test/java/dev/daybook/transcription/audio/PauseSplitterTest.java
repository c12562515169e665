package dev.daybook.transcription.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ShortBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PauseSplitterTest {

    @Test
    void aRecordingThatFitsIsOnePiece() {
        assertThat(PauseSplitter.cuts(ShortBuffer.wrap(tone(16_000)), 32_000)).containsExactly(0L, 16_000L);
    }

    @Test
    void piecesAreCutInTheMiddleOfThePauseAndCoverEverySampleOnce() {
        // 1 s tone, 0.5 s silence, 1 s tone, 0.5 s silence, 1 s tone: at most 2 s per piece
        short[] audio = concat(tone(16_000), new short[8_000], tone(16_000), new short[8_000], tone(16_000));

        List<Long> cuts = PauseSplitter.cuts(ShortBuffer.wrap(audio), 32_000);

        assertThat(cuts).first().isEqualTo(0L);
        assertThat(cuts).last().isEqualTo((long) audio.length);
        assertThat(cuts).isSorted().doesNotHaveDuplicates().hasSize(4);
        for (int i = 1; i + 1 < cuts.size(); i++) {
            long cut = cuts.get(i);
            assertThat(audio[(int) cut]).as("cut %d lies in silence", i).isZero();
            assertThat(cuts.get(i) - cuts.get(i - 1)).isLessThanOrEqualTo(32_000);
        }
        assertThat(cuts.get(1)).as("the first pause, 16,000–24,000").isBetween(16_000L, 24_000L);
    }

    @Test
    void aPieceEndsInThePauseWithinItsLastPartNotInAnEarlierOne() {
        // pauses at 1–1.5 s and 2.5–3 s; looked for between 2 and 3.5 s, the piece ends in the later one
        short[] audio = concat(tone(16_000), new short[8_000], tone(16_000), new short[8_000], tone(16_000));

        long end = PauseSplitter.end(ShortBuffer.wrap(audio), 0, 32_000, 56_000);

        assertThat(end).isBetween(40_000L, 48_000L);
        assertThat(audio[(int) end]).isZero();
        assertThat(PauseSplitter.end(ShortBuffer.wrap(audio), 24_000, 8_000, 32_000))
                .as("looked for from a piece's start").isBetween(40_000L, 48_000L);
    }

    @Test
    void aPieceTooSmallToHoldAPauseIsRefused() {
        assertThatThrownBy(() -> PauseSplitter.cuts(ShortBuffer.wrap(tone(16_000)), 1_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PauseSplitter.end(ShortBuffer.wrap(tone(16_000)), 0, 8_000, 9_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static short[] tone(int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (6000 * Math.sin(2 * Math.PI * 300 * i / 16_000.0));
        }
        return s;
    }

    private static short[] concat(short[]... parts) {
        short[] all = new short[java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}

package dev.daybook.shared.audio.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import org.junit.jupiter.api.Test;

/** The level arithmetic on synthetic frames whose answers are known in closed form. */
class LevelMeterTest {

    static final TarsosDSPAudioFormat FORMAT = new TarsosDSPAudioFormat(16_000, 16, 1, true, false);

    @Test
    void fullScaleSineIsMinus3DbfsAndCountsAsClipping() {
        LevelMeter meter = new LevelMeter(-50);
        feed(meter, 100, 1.0, 0);
        Levels l = meter.levels(3.2);
        assertThat(l.rmsDbfs()).isCloseTo(-3.01, within(0.05));
        assertThat(l.clippingRatio()).isCloseTo(2.0 / 32, within(0.001)); // 2 of the 32 samples per period sit at the crest
        assertThat(l.silenceRatio()).isZero();
    }

    @Test
    void snrComparesSpeechFramesWithSilentFrames() {
        LevelMeter meter = new LevelMeter(-50);
        feed(meter, 50, 0.1, 0);      // "speech": -23 dBFS
        feed(meter, 50, 0.001, 0);    // "pauses": -63 dBFS
        Levels l = meter.levels(3.2);
        assertThat(l.snrDb()).isCloseTo(40, within(0.5));
        assertThat(l.silenceRatio()).isCloseTo(0.5, within(0.001));
    }

    @Test
    void digitalSilenceIsAllSilentWithTheFloorLevel() {
        LevelMeter meter = new LevelMeter(-50);
        feed(meter, 20, 0, 0);
        Levels l = meter.levels(0.64);
        assertThat(l.silenceRatio()).isEqualTo(1);
        assertThat(l.rmsDbfs()).isEqualTo(-120);
        assertThat(Quality.of(l).warnings(16_000, 16_000)).contains("mostly_silence", "low_quality", "quiet");
    }

    @Test
    void cleanSpeechScoresWellAndTelephoneRateWarns() {
        Quality q = Quality.of(new Levels(60, -20, 0.2, 0, 35));
        assertThat(q.score()).isGreaterThan(0.8);
        assertThat(q.warnings(8_000, 16_000)).containsExactly("low_sample_rate");
    }

    private static void feed(LevelMeter meter, int frames, double amplitude, int phase) {
        for (int f = 0; f < frames; f++) {
            float[] buffer = new float[512];
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = (float) (amplitude * Math.sin(2 * Math.PI * 500 * (f * 512 + i + phase) / 16_000.0));
            }
            AudioEvent event = new AudioEvent(FORMAT);
            event.setFloatBuffer(buffer);
            meter.process(event);
        }
    }
}

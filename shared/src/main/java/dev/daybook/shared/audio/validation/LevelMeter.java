package dev.daybook.shared.audio.validation;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;

/**
 * A TarsosDSP processor that keeps running level statistics, frame by frame, in constant memory (hours of audio
 * pass through it). TarsosDSP gives RMS per buffer and the silence test; it has no SNR, so the estimate is
 * ours: the mean energy of speech (non-silent) frames over that of silent frames — and when a recording has
 * hardly any pauses, over its quietest tenth of frames, taken from a 1 dB histogram.
 */
final class LevelMeter implements AudioProcessor {

    private static final double FLOOR_DB = -120;
    private static final double CLIP = 0.999;
    private static final double MAX_SNR = 60;

    private final double silenceThresholdDb;
    private final long[] histogram = new long[121]; // frame level, 1 dB bins from -120 to 0 dBFS
    private long frames;
    private long silentFrames;
    private long samples;
    private long clipped;
    private double energy;
    private double silentEnergy;
    private double speechEnergy;

    LevelMeter(double silenceThresholdDb) {
        this.silenceThresholdDb = silenceThresholdDb;
    }

    @Override
    public boolean process(AudioEvent event) {
        float[] buffer = event.getFloatBuffer();
        double sum = 0;
        for (float s : buffer) {
            sum += (double) s * s;
            if (Math.abs(s) >= CLIP) {
                clipped++;
            }
        }
        samples += buffer.length;
        double frameEnergy = sum / buffer.length;
        double db = toDb(frameEnergy);
        frames++;
        energy += frameEnergy;
        histogram[(int) Math.round(db - FLOOR_DB)]++;
        if (db < silenceThresholdDb) {
            silentFrames++;
            silentEnergy += frameEnergy;
        } else {
            speechEnergy += frameEnergy;
        }
        return true;
    }

    @Override
    public void processingFinished() {
        // nothing to release
    }

    Levels levels(double seconds) {
        if (frames == 0) {
            return new Levels(seconds, FLOOR_DB, 1, 0, 0);
        }
        return new Levels(seconds, toDb(energy / frames), (double) silentFrames / frames,
                (double) clipped / samples, snr());
    }

    private double snr() {
        long speechFrames = frames - silentFrames;
        if (speechFrames == 0) {
            return 0;
        }
        double speech = speechEnergy / speechFrames;
        double noise = silentFrames >= frames / 20 && silentFrames > 0 ? silentEnergy / silentFrames : quietestTenth();
        if (noise <= 0) {
            return MAX_SNR;
        }
        return Math.min(MAX_SNR, Math.max(0, 10 * Math.log10(speech / noise)));
    }

    /** Mean energy of the quietest 10 % of frames, read from the histogram (bin centres). */
    private double quietestTenth() {
        long want = Math.max(1, frames / 10);
        long taken = 0;
        double sum = 0;
        for (int bin = 0; bin < histogram.length && taken < want; bin++) {
            long n = Math.min(histogram[bin], want - taken);
            if (bin > 0) {
                sum += n * Math.pow(10, (bin + FLOOR_DB) / 10);
            }
            taken += n;
        }
        return sum / taken;
    }

    private static double toDb(double meanSquare) {
        return meanSquare <= 0 ? FLOOR_DB : Math.max(FLOOR_DB, Math.min(0, 10 * Math.log10(meanSquare)));
    }
}

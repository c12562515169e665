package dev.daybook.shared.audio.validation;

/**
 * Level statistics of a decoded recording.
 *
 * @param seconds       decoded duration
 * @param rmsDbfs       overall RMS level in dB relative to full scale (−∞ for digital silence, reported as −120)
 * @param silenceRatio  share of frames below the silence threshold
 * @param clippingRatio share of samples at (or within 0.1 % of) full scale
 * @param snrDb         speech frames' mean energy over silent frames' mean energy, in dB (capped at 60)
 */
record Levels(double seconds, double rmsDbfs, double silenceRatio, double clippingRatio, double snrDb) {
}

package dev.daybook.shared.audio;

import java.io.IOException;

/**
 * Why ffmpeg could not turn a file into PCM. Sealed so callers can map each case to exactly one outcome:
 * {@link Corrupt} is the input's fault (permanent), {@link TimedOut} and {@link OutputLimitExceeded} mean the
 * input is too expensive to decode within the configured limits.
 */
public abstract sealed class AudioException extends IOException
        permits AudioException.Corrupt, AudioException.TimedOut, AudioException.OutputLimitExceeded {

    AudioException(String message) {
        super(message);
    }

    /** ffmpeg/ffprobe rejected the input (not audio, truncated, unknown codec…); the message carries its stderr. */
    public static final class Corrupt extends AudioException {
        public Corrupt(String message) {
            super(message);
        }
    }

    /** Decoding took longer than the wall-time limit; the process was killed. */
    public static final class TimedOut extends AudioException {
        public TimedOut(String message) {
            super(message);
        }
    }

    /** Decoding produced more PCM than the output limit allows; the process was killed. */
    public static final class OutputLimitExceeded extends AudioException {
        public OutputLimitExceeded(String message) {
            super(message);
        }
    }
}

package dev.daybook.transcription;

/** What the {@link Transcriber} tells its caller as it goes, and asks it between chunks. */
public interface TranscriptionListener {

    TranscriptionListener NONE = new TranscriptionListener() {
    };

    /** Fraction of the recording done, in [0, 1]; only reported when the length is known. */
    default void progress(double fraction) {
    }

    /** Progress with the words recognised since the last report (live partial transcript); "" when none. */
    default void progress(double fraction, String recognisedText) {
        progress(fraction);
    }

    /** Throws when the job should stop (cancelled, lease lost). */
    default void checkCancelled() {
    }
}

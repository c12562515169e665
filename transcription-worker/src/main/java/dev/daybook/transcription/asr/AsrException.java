package dev.daybook.transcription.asr;

/** The engine could not do its work (model missing, native failure): worth another engine or a retry. */
public class AsrException extends Exception {

    public AsrException(String message) {
        super(message);
    }

    public AsrException(String message, Throwable cause) {
        super(message, cause);
    }
}

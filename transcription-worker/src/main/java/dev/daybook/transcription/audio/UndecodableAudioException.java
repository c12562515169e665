package dev.daybook.transcription.audio;

import java.io.IOException;

/** The recording itself cannot be decoded: retrying will not help. */
public class UndecodableAudioException extends IOException {

    public UndecodableAudioException(String message) {
        super(message);
    }

    public UndecodableAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.daybook.shared.audio.validation;

import org.springframework.http.HttpStatus;

/** Audio that fails validation, with the contract's status and code. */
public final class AudioRejected extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    private AudioRejected(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    static AudioRejected unsupported(String message) {
        return new AudioRejected(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_format", message);
    }

    static AudioRejected corrupt(String message) {
        return new AudioRejected(HttpStatus.UNPROCESSABLE_CONTENT, "corrupt_audio", message);
    }

    static AudioRejected tooShort(String message) {
        return new AudioRejected(HttpStatus.UNPROCESSABLE_CONTENT, "audio_too_short", message);
    }

    static AudioRejected tooLong(String message) {
        return new AudioRejected(HttpStatus.UNPROCESSABLE_CONTENT, "audio_too_long", message);
    }

    static AudioRejected silent(String message) {
        return new AudioRejected(HttpStatus.UNPROCESSABLE_CONTENT, "silent_audio", message);
    }

    public static AudioRejected tooLarge(String message) {
        return new AudioRejected(HttpStatus.CONTENT_TOO_LARGE, "audio_too_large", message);
    }

    public static AudioRejected empty() {
        return new AudioRejected(HttpStatus.BAD_REQUEST, "invalid_request", "the audio is empty");
    }
}

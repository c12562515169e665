package dev.daybook.shared.audio.validation;

import java.util.Optional;

/**
 * The containers Daybook accepts, recognised by their first bytes (never by file name or declared content type).
 * {@link #sniff} answers "what does this claim to be"; ffmpeg then decides whether it really is.
 */
public enum AudioFormat {
    WAV("wav"), MP3("mp3"), M4A("m4a"), AAC("aac"), FLAC("flac"), OGG("ogg"), WEBM("webm");

    /** How many leading bytes {@link #sniff} looks at. */
    public static final int HEAD = 16;

    private final String wire;

    AudioFormat(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AudioFormat> sniff(byte[] head, int length) {
        if (length >= 12 && (ascii(head, 0, "RIFF") || ascii(head, 0, "RF64")) && ascii(head, 8, "WAVE")) {
            return Optional.of(WAV);
        }
        if (length >= 4 && ascii(head, 0, "fLaC")) {
            return Optional.of(FLAC);
        }
        if (length >= 4 && ascii(head, 0, "OggS")) {
            return Optional.of(OGG); // Vorbis or Opus: ffprobe tells the codec
        }
        if (length >= 4 && (head[0] & 0xff) == 0x1A && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xDF
                && (head[3] & 0xff) == 0xA3) {
            return Optional.of(WEBM); // EBML: WebM or Matroska audio
        }
        if (length >= 8 && ascii(head, 4, "ftyp")) {
            return Optional.of(M4A);
        }
        if (length >= 3 && ascii(head, 0, "ID3")) {
            return Optional.of(MP3);
        }
        if (length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            // frame sync: layer bits 00 mean an AAC ADTS stream, anything else MPEG audio
            return Optional.of((head[1] & 0x06) == 0 ? AAC : MP3);
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

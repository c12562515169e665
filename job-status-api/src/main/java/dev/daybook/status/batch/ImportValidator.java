package dev.daybook.status.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import dev.daybook.shared.audio.AudioException;
import dev.daybook.shared.audio.AudioInfo;
import dev.daybook.shared.audio.AudioProbe;
import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.shared.audio.PcmDecoder;
import dev.daybook.shared.audio.PcmStream;

/**
 * The upload rules for imported recordings, with the API's error codes: not empty, a container ffprobe can
 * read with an audio stream, 1 s to 4 h long, decodable all the way through (a truncated file decodes short
 * of its claimed length), and not silent. Built on shared's ffprobe/ffmpeg subprocesses, because services
 * share no code but {@code shared}; ingestion's TarsosDSP quality report is not computed here.
 */
final class ImportValidator {

    /** What a valid recording is, as far as the job record needs it. */
    record Accepted(AudioInfo info, double decodedSeconds) {
    }

    static final double MIN_SECONDS = 1.0;
    static final double MAX_SECONDS = 4 * 3600.0;
    /** Peak below this (about -60 dBFS) is silence. */
    static final int SILENT_PEAK = 33;

    Accepted validate(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new Steps.Rejected("empty_audio: the file is empty");
        }
        AudioInfo info;
        try {
            info = AudioProbe.probe(file, Duration.ofSeconds(30));
        } catch (AudioException e) {
            throw new Steps.Rejected("corrupt_audio: not a readable audio file");
        }
        if (wavShorterThanItsHeader(file)) {
            throw new Steps.Rejected("corrupt_audio: the WAV data is shorter than its header says (truncated)");
        }
        if (info.hasDuration() && info.durationSeconds() > MAX_SECONDS) {
            throw new Steps.Rejected("audio_too_long: " + seconds(info.durationSeconds()) + " is over 4 h");
        }
        double decoded;
        int peak;
        try (PcmStream pcm = PcmDecoder.open(file, 16_000, 1, DecodeLimits.forDuration(Duration.ofMinutes(10), MAX_SECONDS, 16_000, 1))) {
            peak = peak(pcm);
            decoded = pcm.secondsRead();
        } catch (AudioException e) {
            throw new Steps.Rejected("corrupt_audio: the audio could not be decoded");
        }
        if (info.hasDuration() && decoded < info.durationSeconds() * 0.9 - 0.5) {
            throw new Steps.Rejected("corrupt_audio: decodes to " + seconds(decoded) + " of a claimed "
                    + seconds(info.durationSeconds()) + " (truncated)");
        }
        if (decoded < MIN_SECONDS) {
            throw new Steps.Rejected("audio_too_short: " + seconds(decoded) + " is under 1 s");
        }
        if (peak < SILENT_PEAK) {
            throw new Steps.Rejected("silent_audio: the recording is silent");
        }
        return new Accepted(info, decoded);
    }

    /** A RIFF/WAVE file whose {@code data} chunk claims more bytes than the file holds. */
    private static boolean wavShorterThanItsHeader(Path file) throws IOException {
        long size = Files.size(file);
        byte[] head = new byte[(int) Math.min(size, 4096)];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, head.length);
        }
        if (head.length < 12 || !new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")
                || !new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WAVE")) {
            return false;
        }
        for (int at = 12; at + 8 <= head.length; ) {
            String id = new String(head, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long length = java.nio.ByteBuffer.wrap(head, at + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (id.equals("data")) {
                return length != 0xffffffffL && length > size - (at + 8);
            }
            at += 8 + (int) Math.min(length + (length & 1), Integer.MAX_VALUE - at - 8);
        }
        return false;
    }

    /** The largest absolute 16-bit little-endian sample. */
    private static int peak(InputStream pcm) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int peak = 0;
        int carry = -1;
        for (int n; (n = pcm.read(buf)) > 0; ) {
            int i = 0;
            if (carry >= 0) {
                peak = Math.max(peak, Math.abs((short) ((buf[0] << 8) | carry)));
                i = 1;
                carry = -1;
            }
            for (; i + 1 < n; i += 2) {
                peak = Math.max(peak, Math.abs((short) ((buf[i + 1] << 8) | (buf[i] & 0xff))));
            }
            if (i < n) {
                carry = buf[i] & 0xff;
            }
        }
        return peak;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}

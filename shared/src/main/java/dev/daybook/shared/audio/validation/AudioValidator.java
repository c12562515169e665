package dev.daybook.shared.audio.validation;

import dev.daybook.shared.audio.AudioException;
import dev.daybook.shared.audio.AudioInfo;
import dev.daybook.shared.audio.AudioProbe;
import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.shared.audio.PcmDecoder;
import dev.daybook.shared.audio.PcmStream;
import dev.daybook.shared.audio.PcmWavWriter;
import dev.daybook.shared.audio.WavHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Decides whether a spooled file is audio Daybook will transcribe, and reports on it. The order matters: cheap
 * checks first (size, magic bytes), then the header facts, then the full decode to 16 kHz mono — the format
 * transcription uses — measured by TarsosDSP and kept for transcription. The header facts and the decode come
 * from one ffmpeg process: it describes its input before it writes the first sample, and the header checks run
 * on that description while the samples wait in the pipe (one process per recording, not an ffprobe and then
 * an ffmpeg). A WAV already in that format needs no ffmpeg: its samples are read as they are. Header claims are
 * never trusted on their own: the decoded length is compared with the claimed one, which catches truncated files
 * and forged WAV sizes.
 * <p>
 * It is the one set of upload rules: ingestion-api runs it on every upload and URL submission, and the
 * {@code import} batch job of job-status-api on every imported file, so both reject the same files with the
 * same codes.
 */
public class AudioValidator {

    static final int ANALYSIS_RATE = 16_000;

    private final AudioLimits limits;
    // Each validation runs ffmpeg; without a bound, a burst of uploads would start hundreds of
    // processes on a few cores and make every one of them slow. Waiting here keeps each decode fast.
    private final Semaphore decodes;

    public AudioValidator(AudioLimits limits) {
        this.limits = limits;
        this.decodes = new Semaphore(limits.decodeSlots(), true);
    }

    /**
     * Validates {@code audio} and writes its 16 kHz mono PCM to {@code decoded} as a WAV file: the whole system
     * decodes a recording once, here, and transcription reads that copy. A rejection throws {@link AudioRejected}
     * and may leave a partial {@code decoded} file, which the caller deletes.
     */
    public AudioReport validate(LocalAudio audio, Path decoded) {
        if (audio.size() == 0) {
            throw AudioRejected.empty();
        }
        if (audio.size() > limits.maxSize().toBytes()) { // an upload is cut off while spooled; an imported file is not
            throw AudioRejected.tooLarge("the audio is larger than " + limits.maxSize().toBytes() + " bytes");
        }
        AudioFormat format = AudioFormat.sniff(audio.head(), audio.headLength())
                .orElseThrow(() -> AudioRejected.unsupported("the content is not a supported audio format "
                        + "(wav, mp3, m4a/aac, flac, ogg/opus, webm)"));
        Optional<WavHeader> plain = format == AudioFormat.WAV ? asrWav(audio) : Optional.empty();
        AudioInfo info;
        Levels levels;
        if (plain.isPresent()) {
            info = new AudioInfo("wav", "pcm_s16le", plain.get().seconds(), ANALYSIS_RATE, 1, 16);
            checkStreamBounds(info);
            checkClaimedDuration(info, audio.size());
            levels = measureInProcess(audio, plain.get(), decoded);
        } else {
            decodes.acquireUninterruptibly();
            try {
                Decoded d = decode(audio, format, decoded);
                info = d.info();
                levels = d.levels();
            } finally {
                decodes.release();
            }
        }
        checkDecoded(info, levels);
        Quality quality = Quality.of(levels);
        return new AudioReport(format.wire(), info.codec(), Math.round(levels.seconds() * 1000) / 1000.0,
                info.sampleRate(), info.channels(), audio.size(), audio.sha256(), quality,
                quality.warnings(info.sampleRate(), limits.lowSampleRate()));
    }

    /**
     * A WAV that is already 16 kHz mono 16-bit PCM, with sizes that add up, needs no decoder: its samples are
     * read in Java (bounds-checked, no native code) without starting a process. Anything else — and every
     * malformed WAV — goes to ffmpeg, which gives today's rejections.
     */
    private static Optional<WavHeader> asrWav(LocalAudio audio) {
        try {
            return WavHeader.read(audio.file()).filter(h -> h.isAsrPcm() && h.dataBytes() >= 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Levels measureInProcess(LocalAudio audio, WavHeader wav, Path decoded) {
        try (InputStream samples = wav.openSamples(audio.file());
             PcmWavWriter copy = PcmWavWriter.create(decoded, ANALYSIS_RATE, 1)) {
            return LevelAnalysis.measure(samples, ANALYSIS_RATE, 1, limits.silenceThresholdDbfs(), copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AudioInfo probe(LocalAudio audio) {
        try {
            return AudioProbe.probe(audio.file(), Duration.ofSeconds(30));
        } catch (AudioException e) {
            throw AudioRejected.corrupt("the audio could not be read: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkStreamBounds(AudioInfo info) {
        if (info.sampleRate() < limits.minSampleRate() || info.sampleRate() > limits.maxSampleRate()) {
            throw AudioRejected.unsupported("sample rate " + info.sampleRate() + " Hz is outside "
                    + limits.minSampleRate() + "–" + limits.maxSampleRate() + " Hz");
        }
        if (info.channels() < 1 || info.channels() > limits.maxChannels()) {
            throw AudioRejected.unsupported(info.channels() + " channels; at most " + limits.maxChannels());
        }
    }

    /** Early answers from the header, before spending a decode: forged PCM sizes, and honest but long files. */
    private void checkClaimedDuration(AudioInfo info, long size) {
        if (!info.hasDuration()) {
            return;
        }
        if (info.codec().startsWith("pcm_") && info.bitsPerSample() > 0) {
            double claimedBytes = info.durationSeconds() * info.sampleRate() * info.channels() * info.bitsPerSample() / 8;
            if (claimedBytes > size * 1.05 + 4096) {
                throw AudioRejected.corrupt("the header claims " + (long) claimedBytes + " bytes of audio but the file has "
                        + size);
            }
        }
        if (info.durationSeconds() > limits.maxSeconds() + 1) {
            throw AudioRejected.tooLong(tooLongMessage(info.durationSeconds()));
        }
    }

    private static void checkWavData(LocalAudio audio) {
        try {
            long missing = WavChunks.missingDataBytes(audio.file(), audio.size()).orElse(0);
            if (missing > 0) {
                throw AudioRejected.corrupt("truncated: the WAV header declares " + missing
                        + " more bytes of audio than the file holds");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One ffmpeg run: it describes the input (what ffprobe used to be asked for) before its first sample, the
     * header checks run on that description, and only then are the samples read, measured and copied. A
     * rejection on the header closes the stream, which kills ffmpeg before it has decoded much.
     */
    private Decoded decode(LocalAudio audio, AudioFormat format, Path decoded) {
        DecodeLimits decode = DecodeLimits.forDuration(limits.decodeTimeout(), limits.maxSeconds(), ANALYSIS_RATE, 1);
        try (PcmStream pcm = PcmDecoder.open(audio.file(), ANALYSIS_RATE, 1, decode)) {
            AudioInfo info = describe(audio, pcm);
            checkStreamBounds(info);
            checkClaimedDuration(info, audio.size());
            if (format == AudioFormat.WAV) {
                checkWavData(audio);
            }
            try (PcmWavWriter copy = PcmWavWriter.create(decoded, ANALYSIS_RATE, 1)) {
                return new Decoded(info, LevelAnalysis.measure(pcm, ANALYSIS_RATE, 1, limits.silenceThresholdDbfs(), copy));
            }
        } catch (AudioException.OutputLimitExceeded e) {
            throw AudioRejected.tooLong(tooLongMessage(limits.maxSeconds() + 1));
        } catch (AudioException.TimedOut e) {
            throw AudioRejected.corrupt("the audio could not be decoded within " + limits.decodeTimeout());
        } catch (AudioException.Corrupt e) {
            throw AudioRejected.corrupt("the audio could not be decoded: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The decoding run's own description of the input; ffprobe only where ffmpeg could open the file but described
     * it in terms {@link PcmStream#input()} does not read (an exotic channel layout, no audio stream at all).
     */
    private AudioInfo describe(LocalAudio audio, PcmStream pcm) throws IOException {
        try {
            return pcm.input().orElseGet(() -> probe(audio));
        } catch (AudioException.Corrupt e) {
            throw AudioRejected.corrupt("the audio could not be read: " + firstLine(e.getMessage()));
        }
    }

    private record Decoded(AudioInfo info, Levels levels) {
    }

    private void checkDecoded(AudioInfo info, Levels levels) {
        double seconds = levels.seconds();
        if (seconds == 0) {
            throw AudioRejected.corrupt("the file contains no audio samples");
        }
        if (info.hasDuration() && seconds < info.durationSeconds() * 0.9 - 0.5) {
            throw AudioRejected.corrupt(String.format("truncated: the header claims %.1f s but only %.1f s decode",
                    info.durationSeconds(), seconds));
        }
        if (seconds < limits.minSeconds()) {
            throw AudioRejected.tooShort(String.format("%.2f s of audio; at least %.1f s is needed", seconds, limits.minSeconds()));
        }
        if (seconds > limits.maxSeconds()) {
            throw AudioRejected.tooLong(tooLongMessage(seconds));
        }
        if (levels.silenceRatio() >= limits.maxSilenceRatio()) {
            throw AudioRejected.silent(String.format("%.0f %% of the recording is below %.0f dBFS",
                    levels.silenceRatio() * 100, limits.silenceThresholdDbfs()));
        }
    }

    private String tooLongMessage(double seconds) {
        return String.format("%.0f s of audio; at most %d s is accepted", seconds, limits.maxDuration().toSeconds());
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replaceAll("/[^ :]*/", "");
    }
}

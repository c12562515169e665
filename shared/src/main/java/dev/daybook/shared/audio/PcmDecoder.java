package dev.daybook.shared.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decodes any audio file ffmpeg understands into a stream of 16-bit little-endian PCM, in an ffmpeg subprocess
 * (never in-process native code: a crafted file must not take the JVM down). Resampling and downmixing are
 * ffmpeg's ({@code -ar}, {@code -ac}); only the first audio stream is decoded. The same run describes its input
 * ({@link PcmStream#input()}), as ffprobe would, before the first sample arrives.
 *
 * <pre>{@code
 * try (PcmStream pcm = PcmDecoder.open(path, 16_000, 1)) {   // mono 16 kHz for ASR
 *     byte[] chunk = new byte[8192];
 *     for (int n; (n = pcm.read(chunk, 0, chunk.length)) > 0; ) { feed(chunk, n); }
 * } catch (AudioException.Corrupt e) { ... permanent ... } catch (AudioException.TimedOut e) { ... }
 * }</pre>
 */
public final class PcmDecoder {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ffmpeg-watchdog");
        t.setDaemon(true);
        return t;
    });

    private PcmDecoder() {
    }

    /** Decodes with {@link DecodeLimits#DEFAULT}. */
    public static PcmStream open(Path input, int sampleRate, int channels) throws IOException {
        return open(input, sampleRate, channels, DecodeLimits.DEFAULT);
    }

    /** Starts ffmpeg on {@code input}; the returned stream must be closed (it kills the process). */
    public static PcmStream open(Path input, int sampleRate, int channels, DecodeLimits limits) throws IOException {
        if (sampleRate < 1000 || sampleRate > 384_000 || channels < 1 || channels > 8) {
            throw new IllegalArgumentException("unsupported PCM format: " + sampleRate + " Hz, " + channels + " ch");
        }
        if (!Files.isReadable(input)) {
            throw new java.io.FileNotFoundException(input.toString());
        }
        Process process = Ffmpeg.locate().ffmpeg(arguments(input, sampleRate, channels)).start();
        process.getOutputStream().close();
        FfmpegLog stderr = FfmpegLog.drain(process);
        AtomicBoolean timedOut = new AtomicBoolean();
        long ms = limits.wallTime().toMillis();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            if (process.isAlive()) {
                timedOut.set(true);
                process.destroyForcibly();
            }
        }, ms, TimeUnit.MILLISECONDS);
        return new PcmStream(process, stderr, sampleRate, channels, limits.maxOutputBytes(), timedOut,
                "decoding took longer than " + limits.wallTime(), () -> watchdog.cancel(false));
    }

    private static List<String> arguments(Path input, int sampleRate, int channels) {
        // info level, each message tagged with its level: the input stanza describes the file (no ffprobe run
        // needed), the tags tell errors from chatter; -nostats keeps the progress lines out
        return List.of("-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info",
                "-i", input.toAbsolutePath().toString(),
                "-map", "0:a:0", "-vn", "-sn", "-dn",
                "-ac", Integer.toString(channels), "-ar", Integer.toString(sampleRate),
                "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1");
    }
}

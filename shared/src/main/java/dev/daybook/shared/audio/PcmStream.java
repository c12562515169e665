package dev.daybook.shared.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Raw PCM from a running ffmpeg: signed 16-bit little-endian, interleaved, at {@link #sampleRate()} and
 * {@link #channels()}. Read it in chunks ({@link #read(byte[], int, int)}) so memory stays flat however long the
 * recording is. Reaching the end checks ffmpeg's exit status, so a clean end of stream means the whole input
 * decoded; a failure surfaces as an {@link AudioException} from {@code read}. {@link #close()} kills the process.
 */
public final class PcmStream extends InputStream {

    private final Process process;
    private final InputStream pcm;
    private final FfmpegLog stderr;
    private final int sampleRate;
    private final int channels;
    private final long maxOutputBytes;
    private final AtomicBoolean timedOut;
    private final String timeoutMessage;
    private final Runnable onClose;
    private long bytesRead;
    private boolean finished;

    PcmStream(Process process, FfmpegLog stderr, int sampleRate, int channels, long maxOutputBytes,
              AtomicBoolean timedOut, String timeoutMessage, Runnable onClose) {
        this.onClose = onClose;
        this.process = process;
        this.pcm = process.getInputStream();
        this.stderr = stderr;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.maxOutputBytes = maxOutputBytes;
        this.timedOut = timedOut;
        this.timeoutMessage = timeoutMessage;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /**
     * What ffprobe would say about the input's first audio stream, read from the stanza this ffmpeg run printed
     * when it opened the file, so describing a file costs no second process. Waits for that stanza (it comes
     * before the first sample; the decode's time limit bounds the wait). Empty when ffmpeg described the input
     * in terms this parser does not know (ask {@link AudioProbe}); throws what reading would have thrown when
     * ffmpeg could not open the input at all ({@link AudioException.Corrupt}) or ran out of time.
     */
    public Optional<AudioInfo> input() throws IOException {
        InputStanza stanza;
        try {
            stanza = stderr.input().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new java.io.InterruptedIOException("interrupted while waiting for ffmpeg");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (!stanza.described() && !finished) {
            finish(); // ffmpeg ended without opening the input: its exit status and errors say why
        }
        return stanza.info();
    }

    /** PCM bytes delivered so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Seconds of audio delivered so far. */
    public double secondsRead() {
        return bytesRead / (2.0 * channels * sampleRate);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (finished) {
            return -1;
        }
        int n = readOrTimeout(buffer, offset, length);
        if (n < 0) {
            finish();
            return -1;
        }
        bytesRead += n;
        if (bytesRead > maxOutputBytes) {
            close();
            throw new AudioException.OutputLimitExceeded("decoded audio exceeds " + maxOutputBytes + " bytes of PCM");
        }
        return n;
    }

    private int readOrTimeout(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = pcm.read(buffer, offset, length);
            checkTimeout();
            return n;
        } catch (IOException e) {
            checkTimeout();
            throw e;
        }
    }

    private void checkTimeout() throws AudioException {
        if (timedOut.get()) {
            close();
            throw new AudioException.TimedOut(timeoutMessage);
        }
    }

    /** At end of stream: the exit status decides whether the input was whole. */
    private void finish() throws IOException {
        finished = true;
        onClose.run();
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new java.io.InterruptedIOException("interrupted while waiting for ffmpeg");
        }
        checkTimeout();
        if (exit != 0) {
            throw new AudioException.Corrupt("ffmpeg could not decode the input (exit " + exit + "): " + stderr.errors());
        }
    }

    /** Kills ffmpeg if it is still running; safe to call twice. */
    @Override
    public void close() {
        finished = true;
        process.destroyForcibly();
        onClose.run();
        try {
            pcm.close();
        } catch (IOException ignored) {
            // the process is gone; nothing left to release
        }
    }
}

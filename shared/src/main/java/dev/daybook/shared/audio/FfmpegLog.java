package dev.daybook.shared.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the stderr of an ffmpeg run logged at {@code -loglevel level+info}, on a virtual thread: the input stanza
 * becomes {@link #input()} (so the run that decodes a file also describes it, and no ffprobe is needed), and the
 * last few KB of error lines are kept for {@link #errors()} — what {@code -loglevel error} used to print. Lines
 * are cut at {@value #MAX_LINE} bytes and old errors dropped, so a hostile file's metadata cannot grow the heap,
 * and the pipe is always drained, so a chatty input never blocks ffmpeg.
 */
final class FfmpegLog {

    private static final int MAX_LINE = 2048;
    private static final int KEEP = 4096;
    // "[mp3 @ 0x55…] [error] message" or "[info] message"; a line without the level tag continues the last message
    private static final Pattern LEVEL = Pattern.compile("^((?:\\[[^\\]]*\\] )?)\\[(\\w+)\\] ");

    private final InputStanza stanza = new InputStanza();
    private final CompletableFuture<InputStanza> described = new CompletableFuture<>();
    private final Deque<String> errors = new ArrayDeque<>();
    private final Thread thread;
    private int errorChars;
    private boolean lastWasError;

    private FfmpegLog(InputStream stderr) {
        this.thread = Thread.ofVirtual().name("ffmpeg-stderr").start(() -> drain(stderr));
    }

    static FfmpegLog drain(Process process) {
        return new FfmpegLog(process.getErrorStream());
    }

    /** Completes once ffmpeg has described its input's first audio stream, or has ended without doing so. */
    CompletableFuture<InputStanza> input() {
        return described;
    }

    private void drain(InputStream in) {
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        byte[] buf = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n' || buf[i] == '\r') {
                        line(new String(line, 0, length, StandardCharsets.UTF_8));
                        length = 0;
                    } else if (length < MAX_LINE) {
                        line[length++] = buf[i];
                    }
                }
            }
            if (length > 0) {
                line(new String(line, 0, length, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process was killed: what we have is all there is
        } finally {
            described.complete(stanza);
        }
    }

    private void line(String text) {
        if (text.isEmpty()) {
            return;
        }
        Matcher m = LEVEL.matcher(text);
        if (!m.find()) {
            if (lastWasError) {
                keep(text);
            }
            return;
        }
        String level = m.group(2);
        lastWasError = level.equals("error") || level.equals("fatal") || level.equals("panic");
        if (lastWasError) {
            keep(m.group(1) + text.substring(m.end()));
        } else if (level.equals("info") && m.group(1).isEmpty() && !described.isDone()
                && stanza.accept(text.substring(m.end()))) {
            described.complete(stanza);
        }
    }

    private synchronized void keep(String error) {
        errors.addLast(error);
        errorChars += error.length() + 1;
        while (errorChars > KEEP && errors.size() > 1) {
            errorChars -= errors.removeFirst().length() + 1;
        }
    }

    /** The kept error lines; waits briefly for the drain to catch up with an exited process. */
    String errors() {
        try {
            thread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return String.join("\n", errors).strip();
        }
    }
}

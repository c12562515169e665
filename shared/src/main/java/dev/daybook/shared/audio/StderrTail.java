package dev.daybook.shared.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a subprocess's stderr on a virtual thread, keeping only the last few KB: a chatty or hostile input
 * must neither block ffmpeg on a full pipe nor grow our heap, yet the error text is what explains a rejection.
 */
final class StderrTail {

    private static final int KEEP = 4096;
    private final byte[] ring = new byte[KEEP];
    private long written;
    private final Thread thread;

    private StderrTail(InputStream stderr) {
        this.thread = Thread.ofVirtual().name("ffmpeg-stderr").start(() -> drain(stderr));
    }

    static StderrTail drain(Process process) {
        return new StderrTail(process.getErrorStream());
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException ignored) {
            // the process was killed: what we have is all there is
        }
    }

    private synchronized void append(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (written++ % KEEP)] = buf[i];
        }
    }

    /** The kept tail, trimmed; waits briefly for the drain to catch up with an exited process. */
    String text() {
        try {
            thread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            int size = (int) Math.min(written, KEEP);
            byte[] out = new byte[size];
            long start = written - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((start + i) % KEEP)];
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        }
    }
}

package dev.daybook.shared.queue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background loop of a component: a named platform (daemon) thread that calls {@code body} every
 * {@code interval} until stopped. An exception is logged and the loop goes on: a Redis hiccup must not
 * silently end recovery or retries.
 *
 * <p>Not a virtual thread: virtual threads are not preempted, and a stage handler in native code (Vosk) or
 * a busy loop holds its carrier. With as many such handlers as cores, a virtual heartbeat never ran, leases
 * ran out under a running job and long entries started over and over (found by {@code make chaos}). A
 * platform thread is scheduled by the OS whatever the handlers do; there are only a few loops per process.
 */
public final class LoopThread {

    private static final Logger log = LoggerFactory.getLogger(LoopThread.class);

    private final String name;
    private final Duration interval;
    private final Runnable body;
    /** The current run: its thread, whether it should go on, and when it has ended. */
    private Run run;

    private static final class Run {
        volatile boolean going = true;
        final CountDownLatch ended = new CountDownLatch(1);
        Thread thread;
    }

    public LoopThread(String name, Duration interval, Runnable body) {
        this.name = name;
        this.interval = interval;
        this.body = body;
    }

    /**
     * Starts the loop, or starts it again after {@link #stop}: Spring stops the lifecycle of a context that is not
     * in use and starts it again when it is (the test framework pauses cached contexts), and a loop that stayed
     * stopped then would quietly end its component's work.
     */
    public synchronized void start() {
        if (run != null && run.going) {
            return;
        }
        // A run of its own: a previous one, stopped, may still be finishing its last round, and must not go on.
        Run next = new Run();
        next.thread = Thread.ofPlatform().name(name).daemon(true).start(() -> loop(next));
        run = next;
    }

    /** Asks the loop to end after its current round, and waits up to {@code timeout} for it. */
    public void stop(Duration timeout) {
        Run current;
        synchronized (this) {
            current = run;
        }
        if (current == null) {
            return;
        }
        current.going = false;
        current.thread.interrupt();
        try {
            current.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized boolean isRunning() {
        return run != null && run.going;
    }

    private void loop(Run r) {
        try {
            while (r.going) {
                try {
                    body.run();
                } catch (RuntimeException e) {
                    if (r.going) {
                        log.warn("{}: round failed, will try again: {}", name, e.toString());
                        pause(r, Duration.ofMillis(Math.max(200, interval.toMillis())));
                    }
                }
                pause(r, interval);
            }
        } finally {
            r.ended.countDown();
        }
    }

    private static void pause(Run r, Duration d) {
        if (d.isZero() || !r.going) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            // stop() interrupts to cut the wait short; the while condition decides
        }
    }
}

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
    private CountDownLatch done = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

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
        running = true;
        if (thread != null && thread.isAlive()) {
            return; // still in its last round: it goes on
        }
        CountDownLatch finished = new CountDownLatch(1);
        done = finished;
        thread = Thread.ofPlatform().name(name).daemon(true).start(() -> loop(finished));
    }

    /** Asks the loop to end after its current round, and waits up to {@code timeout} for it. */
    public void stop(Duration timeout) {
        running = false;
        Thread t;
        CountDownLatch finished;
        synchronized (this) {
            t = thread;
            finished = done;
        }
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return running;
    }

    private void loop(CountDownLatch finished) {
        try {
            while (running) {
                try {
                    body.run();
                } catch (RuntimeException e) {
                    if (running) {
                        log.warn("{}: round failed, will try again: {}", name, e.toString());
                        pause(Duration.ofMillis(Math.max(200, interval.toMillis())));
                    }
                }
                pause(interval);
            }
        } finally {
            finished.countDown();
        }
    }

    private void pause(Duration d) {
        if (d.isZero() || !running) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            // stop() interrupts to cut the wait short; the while condition decides
        }
    }
}

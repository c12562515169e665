package dev.daybook.shared.queue;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A component whose work is one background loop: a {@link LoopThread} that Spring starts and stops with the
 * context, and starts again after a stop (a paused test context). The subclass gives the round; the start, stop
 * and running state are the same everywhere and live here.
 *
 * <p>The hooks are for what a loop needs around it: {@link #enabled()} (off by a property or role, asked at every
 * start), {@link #beforeStart()} (a consumer group to create; if it throws, nothing is started),
 * {@link #beforeStop()} (ending a blocking call the thread's interrupt does not reach) and {@link #afterStop()}
 * (after the last round). {@link #isRunning()} turns false before the loop is asked to stop, so a round that
 * fails because of the shutdown can stay quiet.
 */
public abstract class LoopLifecycle implements SmartLifecycle {

    // A lock of its own, not this: a subclass may synchronize its rounds on itself, and stop() waits for a round.
    private final Object lock = new Object();
    private final LoopThread loop;
    private final Duration stopTimeout;
    private volatile boolean running;

    /**
     * @param name        the thread's name, as logs and thread dumps show it
     * @param interval    the pause after each round ({@link Duration#ZERO} for a round that waits by itself)
     * @param stopTimeout how long {@link #stop()} waits for the round in flight
     */
    protected LoopLifecycle(String name, Duration interval, Duration stopTimeout) {
        this.loop = new LoopThread(name, interval, this::round);
        this.stopTimeout = stopTimeout;
    }

    /** One round of the loop. An exception is logged by the loop, which goes on after a pause. */
    protected abstract void round();

    /** Whether the loop runs in this process; asked at every start, so it may log why not. */
    protected boolean enabled() {
        return true;
    }

    /** Before the loop's thread starts. */
    protected void beforeStart() {
    }

    /** After {@link #isRunning()} turned false, before waiting for the loop to end. */
    protected void beforeStop() {
    }

    /** After the loop ended, or {@code stopTimeout} passed. */
    protected void afterStop() {
    }

    @Override
    public final void start() {
        synchronized (lock) {
            if (running || !enabled()) {
                return;
            }
            beforeStart();
            loop.start();
            running = true;
        }
    }

    @Override
    public final void stop() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            beforeStop();
            loop.stop(stopTimeout);
            afterStop();
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }
}

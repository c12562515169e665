package dev.daybook.shared.boot;

import dev.daybook.shared.queue.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import redis.clients.jedis.UnifiedJedis;

/**
 * Starts the app's {@link Worker} once Redis answers. A worker app may come up before Redis does (a host
 * reboot, a Redis restart, pods scheduled in any order); building the worker needs Redis (its stream groups
 * are created then), so instead of failing the app this waits — 1 s, doubling to 30 s between tries — and
 * says so in its {@link #state()}, which the health endpoint shows. Once running, the worker's own loops ride
 * out later Redis outages.
 */
final class WorkerLauncher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerLauncher.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    /** Where the launch stands: waiting (with the tries so far and the last error) or running. */
    record State(boolean running, int attempts, String lastError, Instant since) {
    }

    private final UnifiedJedis redis;
    private final Supplier<Worker> worker;
    private final Clock clock;
    private volatile State state;
    private volatile Thread thread;
    private volatile Worker started;
    private volatile boolean stopping;

    WorkerLauncher(UnifiedJedis redis, Supplier<Worker> worker, Clock clock) {
        this.redis = redis;
        this.worker = worker;
        this.clock = clock;
        this.state = new State(false, 0, null, clock.instant());
    }

    State state() {
        return state;
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            stopping = false;
            thread = Thread.ofVirtual().name("daybook-worker-launcher").start(this::launch);
        }
    }

    private void launch() {
        Duration wait = FIRST_WAIT;
        while (!stopping) {
            if (tryOnce()) {
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
    }

    /** One try: ping, build, start. Any failure (Redis down, or gone again mid-build) is logged and retried. */
    private boolean tryOnce() {
        try {
            redis.ping();
            Worker w = worker.get();
            synchronized (this) {
                if (stopping) {
                    return true;
                }
                w.start();
                started = w;
            }
            state = new State(true, state.attempts() + 1, null, clock.instant());
            return true;
        } catch (RuntimeException e) {
            State was = state;
            state = new State(false, was.attempts() + 1, describe(e), was.since());
            log.warn("worker not started: Redis is not reachable yet ({}); try {} failed, trying again",
                    describe(e), state.attempts());
            return false;
        }
    }

    @Override
    public void stop() {
        Thread t;
        Worker w;
        synchronized (this) {
            stopping = true;
            t = thread;
            w = started;
            thread = null;
            started = null;
        }
        if (t != null) {
            t.interrupt();
        }
        if (w != null) {
            w.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        // Late start, early stop: after the web server is up, and stopped before anything the worker uses.
        return Integer.MAX_VALUE - 100;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}

package dev.daybook.status.events;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.daybook.shared.jobs.JobEvent;

/**
 * One client's mailbox for one job. The reader thread and the pub/sub wake-ups put items in without blocking;
 * the client's request thread takes them out and writes them. A client too slow to keep up is ended rather
 * than allowed to hold the reader back: it reconnects with its last event id and replays what it missed.
 */
final class Feed implements AutoCloseable {

    /** What the request thread is told. */
    sealed interface Item permits Arrived, Changed, Probe, Ended {
    }

    /** An event of this job from the stream. */
    record Arrived(JobEvent event) implements Item {
    }

    /** The job-changed channel named this job (a wake-up; the event itself should follow on the stream). */
    record Changed() implements Item {
    }

    /** Another stream of the same user waits for a slot: write to the client now, to find out whether it left. */
    record Probe() implements Item {
    }

    /** The feed is over: the process is stopping, or the client fell too far behind. */
    record Ended(String why) implements Item {
    }

    private static final Changed CHANGED = new Changed();
    private static final Probe PROBE = new Probe();

    private final String user;
    private final String job;
    private final BlockingQueue<Item> items;
    private final Consumer<Feed> onClose;
    private volatile boolean ended;

    Feed(String user, String job, int capacity, Consumer<Feed> onClose) {
        this.user = user;
        this.job = job;
        // One slot more than the events it may hold, so the Ended marker always fits.
        this.items = new ArrayBlockingQueue<>(capacity + 1);
        this.onClose = onClose;
    }

    String user() {
        return user;
    }

    String job() {
        return job;
    }

    void deliver(JobEvent event) {
        if (!ended && items.remainingCapacity() > 1) {
            items.offer(new Arrived(event));
        } else {
            end("the client fell behind");
        }
    }

    void changed() {
        if (items.remainingCapacity() > 1) {
            items.offer(CHANGED);
        }
    }

    void probe() {
        if (!ended && items.remainingCapacity() > 1 && !items.contains(PROBE)) {
            items.offer(PROBE);
        }
    }

    void end(String why) {
        if (!ended) {
            ended = true;
            items.clear();
            items.offer(new Ended(why));
        }
    }

    /** The next item, or null when none came within {@code wait}. */
    Item next(Duration wait) throws InterruptedException {
        return items.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        ended = true;
        onClose.accept(this);
    }
}

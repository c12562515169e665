package dev.daybook.status.events;

import java.time.Duration;
import java.util.List;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.queue.JobEventLog;
import dev.daybook.shared.queue.LoopLifecycle;
import dev.daybook.shared.redis.RedisProperties;
import dev.daybook.status.jobs.LongPolls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The one reader of the job event stream per process: XREAD BLOCK from where it left off, and hand each entry
 * to the feeds of its job and wake the long polls waiting on it. One Redis connection serves every client;
 * the queue's scripts need no separate wake-up (pub/sub) for either. After a Redis error it pauses and goes
 * on from the same position, so a blip delays events but loses none (unless trimming removed them meanwhile).
 *
 * <p>It starts before the web server accepts requests (a lower phase), so no feed is opened before the reader
 * has fixed its starting position; and it stops after the server has drained.
 */
@Component
class JobEventStreamReader extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobEventStreamReader.class);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final JobEventLog events;
    private final Feeds feeds;
    private final LongPolls longPolls;
    private final EventsProperties properties;
    private volatile StreamEntryID position;

    JobEventStreamReader(JobEventLog events, Feeds feeds, LongPolls longPolls, EventsProperties properties,
                         RedisProperties redis) {
        // Its stop waits for the current XREAD to run out (at most read-block): the loop's thread is a platform
        // thread, whose interrupt does not close the pooled connection under the read.
        super("job-event-stream-reader", Duration.ZERO, properties.readBlock().plusSeconds(1));
        if (properties.readBlock().compareTo(redis.timeout()) >= 0) {
            // Else every idle XREAD would end in a socket timeout and a reconnect.
            throw new IllegalStateException("daybook.status.events.read-block (" + properties.readBlock()
                    + ") must be shorter than daybook.redis.timeout (" + redis.timeout() + ")");
        }
        this.events = events;
        this.feeds = feeds;
        this.longPolls = longPolls;
        this.properties = properties;
    }

    @Override
    protected void beforeStart() {
        try {
            position = events.lastId();
        } catch (RuntimeException e) {
            log.warn("job event stream not readable yet, will retry: {}", e.toString());
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    protected void round() {
        if (!runOnce()) {
            pause();
        }
    }

    /** One XREAD and its fan-out; false after an error (logged, never thrown). */
    boolean runOnce() {
        try {
            if (position == null) {
                position = events.lastId();
                longPolls.wakeAll(); // what happened before this position was not seen: let every poll re-read
            }
            List<StreamEntry> entries = events.read(position, properties.readBlock(), properties.readBatch());
            for (StreamEntry entry : entries) {
                position = entry.getID();
                JobEvent.fromEntry(entry.getID().toString(), entry.getFields()).ifPresent(e -> {
                    feeds.deliver(e);
                    longPolls.wake(e.job());
                });
            }
            return true;
        } catch (RuntimeException e) {
            if (isRunning()) {
                log.warn("reading the job event stream failed, retrying: {}", e.toString());
            }
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_ERROR);
        } catch (InterruptedException e) {
            // stop() interrupts to cut the pause short; the loop decides whether to go on
        }
    }
}

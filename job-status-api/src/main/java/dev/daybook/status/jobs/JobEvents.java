package dev.daybook.status.jobs;

import java.time.Duration;
import java.util.List;

import dev.daybook.shared.queue.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one subscription per process to the job-changed channel: a hint for changes written to a record outside
 * the queue's scripts (an operator's repair, a test), which append no event. The scripts do not publish: every
 * change they make appends to the job event stream, whose reader ({@code events.EventReader}) wakes the long
 * polls and feeds. Each message here wakes the long polls waiting on that job and nudges its feeds (which then
 * re-read the record if no event follows). If the connection drops it resubscribes after a short pause and
 * wakes everyone, since messages sent meanwhile are lost (pub/sub is fire-and-forget).
 */
@Component
class JobEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);
    private static final Duration RESUBSCRIBE_PAUSE = Duration.ofSeconds(1);

    private final UnifiedJedis redis;
    private final String channel;
    private final JobSignals signals;
    private final List<JobChangeListener> listeners;
    private volatile boolean running;
    private volatile JedisPubSub subscription;
    private Thread thread;

    JobEvents(UnifiedJedis redis, RedisKeys keys, JobSignals signals, List<JobChangeListener> listeners) {
        this.redis = redis;
        this.channel = keys.events();
        this.signals = signals;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("job-events").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        JedisPubSub s = subscription;
        if (s != null && s.isSubscribed()) {
            s.unsubscribe();
        }
        thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            runOnce();
            signals.changedAll();
            if (running) {
                pause();
            }
        }
    }

    /** Blocks while subscribed; returns when unsubscribed or the connection fails. */
    void runOnce() {
        JedisPubSub s = new JedisPubSub() {
            @Override
            public void onMessage(String ch, String jobId) {
                signals.changed(jobId);
                listeners.forEach(l -> l.jobChanged(jobId));
            }
        };
        subscription = s;
        try {
            redis.subscribe(s, channel);
        } catch (RuntimeException e) {
            if (running) {
                log.warn("job events subscription lost, resubscribing: {}", e.toString());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RESUBSCRIBE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.daybook.status.jobs;

import java.time.Duration;
import java.util.List;

import dev.daybook.shared.queue.LoopLifecycle;
import dev.daybook.shared.queue.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one subscription per process to the job-changed pub/sub channel: a hint for changes written to a record
 * outside the queue's scripts (an operator's repair, a test), which append no event. The scripts do not publish:
 * every change they make appends to the job event stream, whose reader ({@code events.JobEventStreamReader})
 * wakes the long polls and feeds. Each message here wakes the long polls waiting on that job and nudges its
 * feeds (which then re-read the record if no event follows). If the connection drops it resubscribes after a
 * short pause and wakes everyone, since messages sent meanwhile are lost (pub/sub is fire-and-forget).
 */
@Component
class JobChangeSubscriber extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobChangeSubscriber.class);
    private static final Duration RESUBSCRIBE_PAUSE = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final UnifiedJedis redis;
    private final String channel;
    private final LongPollWaiters longPolls;
    private final List<JobChangeListener> listeners;
    private volatile Subscription subscription;

    /**
     * One round's subscription, which stop() can end before it is confirmed: between the round's check that it is
     * running and the SUBSCRIBE it sends there is a window in which stop() finds nothing subscribed to end, and
     * the subscription made after it then held its thread and a pooled connection until Redis dropped them.
     */
    private final class Subscription extends JedisPubSub {
        private boolean subscribed;
        private boolean ended;

        @Override
        public void onMessage(String ch, String jobId) {
            longPolls.wake(jobId);
            listeners.forEach(l -> l.jobChanged(jobId));
        }

        @Override
        public synchronized void onSubscribe(String ch, int count) {
            subscribed = true;
            if (ended) {
                unsubscribe();
            }
        }

        @Override
        public synchronized void onUnsubscribe(String ch, int count) {
            subscribed = count > 0; // its connection goes back to the pool: nothing may be sent on it from now on
        }

        /** Unsubscribes now if subscribed, else as soon as Redis confirms the subscription. */
        synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            if (subscribed) {
                unsubscribe();
            }
        }
    }

    JobChangeSubscriber(UnifiedJedis redis, RedisKeys keys, LongPollWaiters longPolls,
                        List<JobChangeListener> listeners) {
        super("job-change-subscriber", RESUBSCRIBE_PAUSE, STOP_WAIT);
        this.redis = redis;
        this.channel = keys.events();
        this.longPolls = longPolls;
        this.listeners = List.copyOf(listeners);
    }

    /** Unsubscribes, which ends the blocking subscribe of the loop's round; then the loop is waited for. */
    @Override
    protected void beforeStop() {
        Subscription s = subscription;
        if (s != null) {
            try {
                s.end();
            } catch (RuntimeException e) {
                // the connection is gone, and with it the subscription: the round ends by itself
                log.debug("unsubscribing from the job-changed channel failed: {}", e.toString());
            }
        }
    }

    /** Subscribes until unsubscribed or the connection fails, then wakes every long poll: messages may be lost. */
    @Override
    protected void round() {
        runOnce();
        longPolls.wakeAll();
    }

    /** Blocks while subscribed; returns when unsubscribed or the connection fails. */
    void runOnce() {
        Subscription s = new Subscription();
        subscription = s;
        if (!isRunning()) {
            return; // stop() came before this subscription existed, so it could not end it
        }
        try {
            redis.subscribe(s, channel);
        } catch (RuntimeException e) {
            if (isRunning()) {
                log.warn("job-changed subscription lost, resubscribing: {}", e.toString());
            }
        }
    }
}

package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

class JobChangeSubscriberTest {

    private static final RedisKeys KEYS = new RedisKeys("change-subscriber");

    /** Holds each SUBSCRIBE back until released, and notes the thread that sends it. */
    static final class HeldSubscribe extends UnifiedJedis {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Thread subscriber;

        HeldSubscribe(String host, int port) {
            super(new HostAndPort(host, port));
        }

        @Override
        public void subscribe(JedisPubSub pubSub, String... channels) {
            subscriber = Thread.currentThread();
            entered.countDown();
            // Deaf to the stop's interrupt, as a subscription is once SUBSCRIBE has gone out: a platform thread's
            // socket read does not see it.
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // wait on
                }
            }
            super.subscribe(pubSub, channels);
        }
    }

    private RedisServerProcess server;
    private HeldSubscribe redis;
    private UnifiedJedis probe;
    private JobChangeSubscriber subscriber;

    @BeforeEach
    void setUp() {
        server = RedisServerProcess.start();
        redis = new HeldSubscribe(server.host(), server.port());
        probe = new UnifiedJedis(new HostAndPort(server.host(), server.port()));
        subscriber = new JobChangeSubscriber(redis, KEYS, new LongPollWaiters(), List.of());
    }

    @AfterEach
    void tearDown() {
        redis.release.countDown();
        subscriber.stop();
        probe.close();
        redis.close();
        server.close(); // a subscription left behind ends with its connection
    }

    @Test
    void stopEndsTheSubscriptionAndTheThread() throws Exception {
        redis.release.countDown();
        subscriber.start();
        awaitSubscribers(1);

        subscriber.stop();

        assertThat(ended(redis.subscriber)).as("the subscriber thread ended").isTrue();
        assertThat(subscribers()).isZero();
    }

    @Test
    void aStopWhileTheRoundIsAboutToSubscribeStillEndsTheSubscription() throws Exception {
        // The round has checked that it is running and is on its way to SUBSCRIBE: stop() finds nothing subscribed
        // to end. The subscription that then comes must not live on after the stop (a thread and a connection).
        subscriber.start();
        assertThat(redis.entered.await(5, TimeUnit.SECONDS)).isTrue();

        subscriber.stop();
        redis.release.countDown();

        assertThat(ended(redis.subscriber)).as("the subscriber thread ended").isTrue();
        assertThat(subscribers()).isZero();
    }

    private static boolean ended(Thread t) throws InterruptedException {
        t.join(Duration.ofSeconds(5));
        return !t.isAlive();
    }

    private long subscribers() {
        List<?> reply = (List<?>) probe.sendCommand(Protocol.Command.PUBSUB, "NUMSUB", KEYS.events());
        return (Long) reply.get(1);
    }

    private void awaitSubscribers(long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (subscribers() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(subscribers()).isEqualTo(n);
    }
}

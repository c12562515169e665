package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopLifecycleTest {

    /** A loop that counts its rounds and notes its hooks, in order. */
    static class Counting extends LoopLifecycle {
        final AtomicInteger rounds = new AtomicInteger();
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean on = true;
        volatile boolean runningInRound;
        volatile boolean runningBeforeStop = true;

        Counting(String name) {
            super(name, Duration.ofMillis(5), Duration.ofSeconds(5));
        }

        @Override
        protected void round() {
            runningInRound = isRunning();
            rounds.incrementAndGet();
        }

        @Override
        protected boolean enabled() {
            calls.add("enabled");
            return on;
        }

        @Override
        protected void beforeStart() {
            calls.add("beforeStart");
        }

        @Override
        protected void beforeStop() {
            runningBeforeStop = isRunning();
            calls.add("beforeStop");
        }

        @Override
        protected void afterStop() {
            calls.add("afterStop");
        }
    }

    private final Counting loop = new Counting("test-lifecycle");

    @AfterEach
    void stopIt() {
        loop.stop();
    }

    @Test
    void startRunsRoundsOnAThreadOfTheGivenNameUntilStop() throws Exception {
        loop.start();
        awaitRounds(loop, 3);

        assertThat(loop.isRunning()).isTrue();
        assertThat(loop.runningInRound).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("test-lifecycle"));

        loop.stop();
        int after = loop.rounds.get();
        Thread.sleep(100);

        assertThat(loop.isRunning()).isFalse();
        assertThat(loop.rounds.get()).as("no round after stop() returned").isEqualTo(after);
        assertThat(loop.calls).containsExactly("enabled", "beforeStart", "beforeStop", "afterStop");
        assertThat(loop.runningBeforeStop).as("not running any more when the loop is asked to stop").isFalse();
    }

    @Test
    void aStoppedLoopStartsAgain() throws Exception {
        // Spring stops a paused test context's lifecycles and starts them again when a test uses it once more
        loop.start();
        loop.stop();
        int stoppedAt = loop.rounds.get();

        loop.start();

        awaitRounds(loop, stoppedAt + 3);
        assertThat(loop.isRunning()).isTrue();
        assertThat(loop.calls).containsExactly("enabled", "beforeStart", "beforeStop", "afterStop",
                "enabled", "beforeStart");
    }

    @Test
    void aSecondStartOrStopChangesNothing() throws Exception {
        loop.start();
        loop.start();
        loop.stop();
        loop.stop();

        assertThat(loop.calls).containsExactly("enabled", "beforeStart", "beforeStop", "afterStop");
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void aDisabledLoopNeverStartsAndIsNeverRunning() throws Exception {
        loop.on = false;

        loop.start();
        Thread.sleep(50);
        loop.stop();

        assertThat(loop.isRunning()).isFalse();
        assertThat(loop.rounds.get()).isZero();
        assertThat(loop.calls).as("asked, and nothing else").containsExactly("enabled");
    }

    @Test
    void whetherItIsEnabledIsAskedAgainAtEveryStart() throws Exception {
        loop.on = false;
        loop.start();

        loop.on = true;
        loop.start();

        awaitRounds(loop, 1);
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void aFailingBeforeStartStartsNothing() throws Exception {
        Counting failing = new Counting("test-failing-start") {
            @Override
            protected void beforeStart() {
                throw new IllegalStateException("Redis is not there");
            }
        };

        assertThatThrownBy(failing::start).hasMessageContaining("Redis");
        Thread.sleep(50);

        assertThat(failing.isRunning()).isFalse();
        assertThat(failing.rounds.get()).isZero();
    }

    @Test
    void aRoundThatThrowsDoesNotEndTheLoop() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        LoopLifecycle flaky = new LoopLifecycle("test-flaky", Duration.ZERO, Duration.ofSeconds(5)) {
            @Override
            protected void round() {
                if (rounds.incrementAndGet() % 2 == 1) {
                    throw new IllegalStateException("a Redis blip");
                }
            }
        };
        try {
            flaky.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rounds.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(rounds.get()).isGreaterThanOrEqualTo(3);
            assertThat(flaky.isRunning()).isTrue();
        } finally {
            flaky.stop();
        }
    }

    private static void awaitRounds(Counting loop, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (loop.rounds.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(loop.rounds.get()).isGreaterThanOrEqualTo(n);
    }
}

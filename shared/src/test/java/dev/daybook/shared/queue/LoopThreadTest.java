package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopThreadTest {

    @Test
    void aLoopKeepsRunningWhileEveryVirtualThreadCarrierIsHeldByBusyHandlers() throws Exception {
        // As many never-yielding virtual threads as there are carriers: what two Vosk streams on two
        // cores look like to the virtual-thread scheduler. A heartbeat must still beat.
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> busy = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            busy.add(Thread.ofVirtual().start(() -> {
                long x = 0;
                while (spin.get()) {
                    x++;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }));
        }
        AtomicInteger beats = new AtomicInteger();
        LoopThread heartbeat = new LoopThread("test-heartbeat", Duration.ofMillis(50), beats::incrementAndGet);
        try {
            Thread.sleep(200); // the busy threads hold their carriers before the loop starts
            heartbeat.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (beats.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(beats.get()).as("rounds run while all carriers were busy").isGreaterThanOrEqualTo(3);
        } finally {
            spin.set(false);
            heartbeat.stop(Duration.ofSeconds(5));
            for (Thread t : busy) {
                t.join(5000);
            }
        }
    }

    @Test
    void stopEndsTheLoopNoRoundRunsAfterIt() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        LoopThread loop = new LoopThread("test-stop", Duration.ofMillis(10), rounds::incrementAndGet);
        loop.start();
        while (rounds.get() < 2) {
            Thread.sleep(5);
        }
        loop.stop(Duration.ofSeconds(5));
        int after = rounds.get();
        Thread.sleep(200);
        assertThat(loop.isRunning()).isFalse();
        assertThat(rounds.get()).isEqualTo(after);
    }

    @Test
    void aStoppedLoopStartsAgain() throws Exception {
        // Spring stops a paused test context's lifecycle and starts it again when a test uses it once more
        AtomicInteger rounds = new AtomicInteger();
        LoopThread loop = new LoopThread("test-restart", Duration.ofMillis(10), rounds::incrementAndGet);
        loop.start();
        loop.stop(Duration.ofSeconds(5));
        int stoppedAt = rounds.get();

        loop.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (rounds.get() < stoppedAt + 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(rounds.get()).isGreaterThanOrEqualTo(stoppedAt + 3);
        assertThat(loop.isRunning()).isTrue();
        loop.stop(Duration.ofSeconds(5));
    }
}

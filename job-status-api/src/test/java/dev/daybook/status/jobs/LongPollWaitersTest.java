package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class LongPollWaitersTest {

    private final LongPollWaiters signals = new LongPollWaiters();

    @Test
    void wakesOnlyTheWaitersOfTheChangedJob() {
        CompletableFuture<Void> a1 = signals.next("a");
        CompletableFuture<Void> a2 = signals.next("a");
        CompletableFuture<Void> b = signals.next("b");

        signals.wake("a");

        assertThat(a1).isDone();
        assertThat(a2).isDone();
        assertThat(b).isNotDone();
        assertThat(signals.waiters()).isEqualTo(1);
    }

    @Test
    void forgettingLeavesNothingBehind() {
        CompletableFuture<Void> f = signals.next("a");
        signals.forget("a", f);
        signals.wake("a");
        assertThat(f).isNotDone();
        assertThat(signals.waiters()).isZero();
    }

    @Test
    void wakeAllWakesEveryone() {
        CompletableFuture<Void> a = signals.next("a");
        CompletableFuture<Void> b = signals.next("b");
        signals.wakeAll();
        assertThat(a).isDone();
        assertThat(b).isDone();
    }
}

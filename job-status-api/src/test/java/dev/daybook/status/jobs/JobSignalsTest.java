package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class JobSignalsTest {

    private final JobSignals signals = new JobSignals();

    @Test
    void wakesOnlyTheWaitersOfTheChangedJob() {
        CompletableFuture<Void> a1 = signals.next("a");
        CompletableFuture<Void> a2 = signals.next("a");
        CompletableFuture<Void> b = signals.next("b");

        signals.changed("a");

        assertThat(a1).isDone();
        assertThat(a2).isDone();
        assertThat(b).isNotDone();
        assertThat(signals.waiters()).isEqualTo(1);
    }

    @Test
    void forgettingLeavesNothingBehind() {
        CompletableFuture<Void> f = signals.next("a");
        signals.forget("a", f);
        signals.changed("a");
        assertThat(f).isNotDone();
        assertThat(signals.waiters()).isZero();
    }

    @Test
    void changedAllWakesEveryone() {
        CompletableFuture<Void> a = signals.next("a");
        CompletableFuture<Void> b = signals.next("b");
        signals.changedAll();
        assertThat(a).isDone();
        assertThat(b).isDone();
    }
}

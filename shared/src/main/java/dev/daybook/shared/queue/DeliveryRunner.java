package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.tracing.JobTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one delivery: calls the stage handler inside the job's trace, then records what came of it. Success
 * is completed (through the batching {@link Completer}); a failure goes to the {@link FailureHandler}; a
 * delivery that had to stop (cancelled, lease lost, handed back) is left to whoever stopped it.
 *
 * <p>Finished work is worth keeping: when recording a success fails (Redis restarting, a failover, a dropped
 * connection) the completion is tried again, backing off from {@value #FIRST_RETRY_MS} ms to
 * {@value #MAX_RETRY_MS} ms, for as long as the delivery's lease holds (its last heartbeat plus the lease) — a
 * blip of a few seconds then costs nothing, instead of a whole transcription run again. Once the lease is over
 * another worker may have the entry, so the worker stops trying and that run records the result. The completion
 * script is idempotent per entry, so a try whose reply was lost and is repeated records nothing twice.
 */
final class DeliveryRunner {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);

    private final QueueScripts scripts;
    private final StageHandler handler;
    private final InFlight inFlight;
    private final Completer completer;
    private final FailureHandler failures;
    private final WorkerMetrics metrics;
    private final JobTracing tracing;
    private static final long FIRST_RETRY_MS = 50;
    private static final long MAX_RETRY_MS = 1000;

    private final Clock clock;
    private final long leaseMs;

    DeliveryRunner(QueueScripts scripts, StageHandler handler, InFlight inFlight, Completer completer,
                   FailureHandler failures, WorkerMetrics metrics, JobTracing tracing, Clock clock, Duration lease) {
        this.leaseMs = lease.toMillis();
        this.scripts = scripts;
        this.handler = handler;
        this.inFlight = inFlight;
        this.completer = completer;
        this.failures = failures;
        this.metrics = metrics;
        this.tracing = tracing;
        this.clock = clock;
    }

    /** Runs {@code d} on the calling thread; {@code done} runs at the end, whatever happened. */
    void run(Delivery d, Runnable done) {
        InFlight.Running running = inFlight.add(d, Thread.currentThread(), clock.millis());
        long startNanos = System.nanoTime();
        DeliveryOutcome outcome = DeliveryOutcome.ERROR;
        String stage = d.stage().name();
        try (JobTracing.StageSpan span = tracing.startStage(d.job().fields(), stage, d.job().id())) {
            outcome = execute(d, running, span);
        } catch (RuntimeException e) {
            log.warn("job {} ({}): could not record the outcome, the lease will expire and it runs again: {}",
                    d.job().id(), stage, e.toString());
        } finally {
            inFlight.remove(d);
            done.run();
            metrics.finished(stage, outcome, System.nanoTime() - startNanos);
        }
    }

    private DeliveryOutcome execute(Delivery d, InFlight.Running running, JobTracing.StageSpan span) {
        StageResult result;
        try {
            result = handler.handle(new Context(d, running));
        } catch (Throwable e) {
            span.error(e);
            return afterFailure(d, running, e);
        }
        if (running.stopReason() == InFlight.StopReason.HANDED_BACK) {
            return DeliveryOutcome.HANDED_BACK;
        }
        Outcome o;
        running.completing();
        try {
            o = completeWhileLeased(d, running, result);
        } catch (InterruptedException e) {
            return DeliveryOutcome.INTERRUPTED; // not recorded: the entry stays pending and is handed out again
        }
        if (o == Outcome.CANCELLED || o == Outcome.MISSING) {
            abandon(d);
        }
        return DeliveryOutcome.of(o);
    }

    /** Records the success, trying again while the lease holds; throws the last failure once it is over. */
    private Outcome completeWhileLeased(Delivery d, InFlight.Running running, StageResult result)
            throws InterruptedException {
        long wait = FIRST_RETRY_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome o = completer.complete(new QueueScripts.Completion(d, result.fields()));
                if (attempt > 1) {
                    log.info("job {} ({}): completion recorded on try {}", d.job().id(), d.stage().name(), attempt);
                }
                return o;
            } catch (RuntimeException e) {
                long leaseEnds = running.leaseRenewedAt() + leaseMs;
                if (clock.millis() + wait >= leaseEnds || running.stopReason() == InFlight.StopReason.LOST) {
                    throw e;
                }
                log.warn("job {} ({}): could not record the finished work (try {}), trying again for up to {} ms: {}",
                        d.job().id(), d.stage().name(), attempt, leaseEnds - clock.millis(), e.toString());
                Thread.sleep(wait);
                wait = Math.min(wait * 2, MAX_RETRY_MS);
            }
        }
    }

    private void abandon(Delivery d) {
        try {
            handler.abandoned(d.job());
        } catch (Exception e) {
            log.warn("job {} ({}): could not remove what the stage stored: {}", d.job().id(), d.stage().name(),
                    e.toString());
        }
    }

    private DeliveryOutcome afterFailure(Delivery d, InFlight.Running running, Throwable e) {
        InFlight.StopReason reason = running.stopReason();
        if (reason == InFlight.StopReason.HANDED_BACK || reason == InFlight.StopReason.LOST) {
            return DeliveryOutcome.of(reason);
        }
        if (reason == InFlight.StopReason.CANCELLED) {
            scripts.complete(d, Map.of(), clock.millis()); // acks; the script sees the cancellation and stops there
            abandon(d);
            return DeliveryOutcome.CANCELLED;
        }
        if (e instanceof Error error && !(e instanceof StackOverflowError)) {
            throw error;
        }
        Outcome o = failures.handle(d, e);
        log.info("job {} ({}) failed on attempt {}: {} -> {}", d.job().id(), d.stage().name(),
                d.job().stageAttempts(), e.toString(), o);
        return DeliveryOutcome.of(o);
    }

    /** The handler's view of its delivery. */
    private final class Context implements JobContext {
        private final Delivery delivery;
        private final InFlight.Running running;

        Context(Delivery delivery, InFlight.Running running) {
            this.delivery = delivery;
            this.running = running;
        }

        @Override
        public Job job() {
            return delivery.job();
        }

        @Override
        public String stage() {
            return delivery.stage().name();
        }

        @Override
        public int attempt() {
            return delivery.job().stageAttempts();
        }

        @Override
        public void progress(double fraction) {
            progress(fraction, null);
        }

        @Override
        public void progress(double fraction, String recognisedText) {
            scripts.progress(delivery, Math.max(0, Math.min(1, fraction)), recognisedText, clock.millis());
        }

        @Override
        public boolean isCancelled() {
            return running.stopReason() != null;
        }
    }
}

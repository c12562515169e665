package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.Priority;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class WorkerTest extends QueueTestBase {

    @Test
    void aJobGoesThroughEveryStageAndCompletesWithResultsAndTimings() {
        startWorker("w1", 2, Handlers.noop("transcribe"), Handlers.noop("summarize"));

        submit("j1");
        awaitStatus("j1", JobStatus.COMPLETED);

        Job job = job("j1");
        assertThat(job.field("transcribe_result")).isEqualTo("done-j1");
        assertThat(job.field("summarize_result")).isEqualTo("done-j1");
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.completedAt()).isNotNull();
        assertThat(job.millis("queued_ms")).isNotNull();
        assertThat(job.millis("transcribe_ms")).isNotNull();
        assertThat(job.millis("summarize_ms")).isNotNull();
        assertThat(job.errorCode()).isNull();
        assertThat(pendingIn("transcribe", Priority.NORMAL)).isZero();
        assertThat(redis.xlen(keys.stream("summarize", Priority.NORMAL))).isZero();
    }

    @Test
    void aHandlerThatIsNotAcceptingLeavesItsJobsInTheStreamForOtherWorkers() {
        AtomicInteger asked = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean accepting = new java.util.concurrent.atomic.AtomicBoolean(false);
        StageHandler transcribe = new StageHandler() {
            @Override
            public String stage() {
                return "transcribe";
            }

            @Override
            public StageResult handle(JobContext context) {
                return StageResult.of(Map.of("transcribe_result", "done"));
            }

            @Override
            public boolean accepting() {
                asked.incrementAndGet();
                return accepting.get();
            }
        };
        startWorker("w1", 1, transcribe, Handlers.noop("summarize"));
        submit("n1");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> asked.get() >= 3);
        assertThat(job("n1").status()).as("asked three times, fetched nothing").isEqualTo(JobStatus.QUEUED);
        assertThat(job("n1").attempts()).isZero();

        accepting.set(true);
        awaitStatus("n1", JobStatus.COMPLETED);
    }

    @Test
    void progressReportedByAHandlerIsVisibleInTheJobWhileItRuns() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        startWorker("w1", 1, Handlers.of("transcribe", ctx -> {
            ctx.progress(0.4);
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
            return StageResult.empty();
        }));

        submit("p1");
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();

        Job running = job("p1");
        assertThat(running.status()).isEqualTo(JobStatus.TRANSCRIBING);
        assertThat(running.progress()).isEqualTo(0.4);
        assertThat(running.field("worker")).isEqualTo("w1");
        release.countDown();
        awaitStatus("p1", JobStatus.QUEUED);
        assertThat(job("p1").stage()).isEqualTo("summarize");
    }

    @Test
    void aRunningJobThatIsCancelledIsStoppedAndStaysCancelled() throws Exception {
        useProperties(TestQueues.properties(ns, Duration.ofSeconds(30), Duration.ofMillis(100), TestQueues.retry(3)));
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger sawCancel = new AtomicInteger();
        startWorker("w1", 1, Handlers.of("transcribe", ctx -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) { // the worker interrupts a job it must stop
                if (ctx.isCancelled()) {
                    sawCancel.incrementAndGet();
                }
                throw e;
            }
            return StageResult.empty();
        }));

        submit("c1");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.cancel("c1")).isEqualTo(JobQueue.CancelOutcome.CANCELLED);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sawCancel.get() == 1
                && pendingIn("transcribe", Priority.NORMAL) == 0);
        assertThat(job("c1").status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(queue.errors("c1")).isEmpty();
    }

    @Test
    void aStageThatFinishesAfterItsJobWasDeletedIsToldToRemoveWhatItStored() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch deleted = new CountDownLatch(1);
        java.util.List<String> abandoned = new java.util.concurrent.CopyOnWriteArrayList<>();
        startWorker("w1", 1, new StageHandler() {
            @Override
            public String stage() {
                return "transcribe";
            }

            @Override
            public StageResult handle(JobContext ctx) throws Exception {
                started.countDown();
                deleted.await(10, TimeUnit.SECONDS); // the owner deletes the entry meanwhile
                return StageResult.of(Map.of("transcript_key", "jobs/x/transcript.json"));
            }

            @Override
            public void abandoned(Job job) {
                abandoned.add(job.id());
            }
        });
        submit("x1");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        queue.cancel("x1");
        queue.delete("x1");
        deleted.countDown();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> abandoned.contains("x1"));
        assertThat(queue.find("x1")).as("the completion did not bring the record back").isEmpty();
    }

    @Test
    void aJobCancelledWhileQueuedIsNeverRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        submit("q1");
        queue.cancel("q1");

        startWorker("w1", 1, Handlers.of("transcribe", ctx -> {
            runs.incrementAndGet();
            return StageResult.empty();
        }));

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.xlen(keys.stream("transcribe", Priority.NORMAL)) == 0);
        assertThat(runs.get()).isZero();
        assertThat(job("q1").status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aRedeliveredEntryOfAStageThatAlreadyCompletedIsAckedWithoutDoingTheWorkAgain() {
        AtomicInteger runs = new AtomicInteger();
        startWorker("w1", 1, Handlers.of("transcribe", ctx -> {
            runs.incrementAndGet();
            return StageResult.of(Map.of("transcript_key", "t"));
        }));
        submit("r1");
        awaitStatus("r1", JobStatus.QUEUED);
        Awaitility.await().until(() -> "summarize".equals(job("r1").stage()));

        // The same job shows up on the transcribe stream again, as after a crash between work and ack.
        redis.xadd(keys.stream("transcribe", Priority.NORMAL), StreamEntryID.NEW_ENTRY,
                Map.of("job", "r1"));

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.xlen(keys.stream("transcribe", Priority.NORMAL)) == 0);
        assertThat(runs.get()).isEqualTo(1);
        assertThat(job("r1").stage()).isEqualTo("summarize");
        assertThat(job("r1").attempts()).isEqualTo(1);
    }

    @Test
    void aLongJobKeepsItsLeaseThroughHeartbeatsAndIsNotTakenByAnotherWorker() {
        useProperties(TestQueues.properties(ns, Duration.ofMillis(600), Duration.ofMillis(150), TestQueues.retry(3)));
        AtomicInteger runs = new AtomicInteger();
        StageHandler slow = Handlers.of("transcribe", ctx -> {
            runs.incrementAndGet();
            Thread.sleep(2500); // four leases long
            return StageResult.empty();
        });
        startWorker("w1", 1, slow);
        submit("l1");
        Awaitility.await().until(() -> runs.get() == 1);
        startWorker("w2", 1, slow); // its recoverer runs every 200 ms, looking for leases older than 600 ms

        awaitStatus("l1", JobStatus.QUEUED);
        assertThat(job("l1").stage()).isEqualTo("summarize");
        assertThat(runs.get()).isEqualTo(1);
        assertThat(queue.errors("l1")).isEmpty();
    }

    @Test
    void onShutdownAJobThatCannotFinishInTheGracePeriodIsHandedBackAndTakenByAnotherWorkerAtOnce() throws Exception {
        // A lease of a minute: if the job came back only through lease expiry, the test would time out.
        useProperties(TestQueues.properties(ns, Duration.ofMinutes(1), Duration.ofSeconds(10), TestQueues.retry(3)));
        CountDownLatch started = new CountDownLatch(1);
        Worker first = startWorker("leaving", 1, Handlers.of("transcribe", ctx -> {
            started.countDown();
            Thread.sleep(60_000);
            return StageResult.empty();
        }));
        submit("h1");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        first.stop(Duration.ofMillis(300));

        assertThat(job("h1").status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job("h1").stageAttempts()).isZero(); // leaving is not failing
        startWorker("staying", 1, Handlers.noop("transcribe"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "summarize".equals(job("h1").stage()));
        assertThat(job("h1").field("transcribe_result")).isEqualTo("done-h1");
    }

    @Test
    void theWorkerRegistryShowsWhoIsAliveAndWhatTheyRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Worker w = startWorker("w-reg", 3, Handlers.of("transcribe", ctx -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return StageResult.empty();
        }));
        submit("g1");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        WorkerRegistry registry = new WorkerRegistry(redis, keys, clock);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> registry.alive(Duration.ofMinutes(1)).stream()
                .anyMatch(i -> i.id().equals("w-reg") && i.running().contains("g1")));
        var info = registry.alive(Duration.ofMinutes(1)).getFirst();
        assertThat(info.stages()).containsExactly("transcribe");
        assertThat(info.concurrency()).isEqualTo(3);
        release.countDown();
        w.stop(Duration.ofSeconds(2));
        assertThat(registry.alive(Duration.ofMinutes(1))).isEmpty();
    }
}

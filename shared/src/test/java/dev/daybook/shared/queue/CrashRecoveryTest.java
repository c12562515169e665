package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.JobError;
import dev.daybook.shared.jobs.JobStatus;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A worker process killed with SIGKILL in the middle of a job loses nothing. */
class CrashRecoveryTest extends QueueTestBase {

    static final long LEASE_MS = 1500;
    static final long HEARTBEAT_MS = 300;

    @Test
    void aJobWhoseWorkerProcessIsKilledMidJobIsReclaimedAndCompletedOnce() throws Exception {
        useProperties(TestQueues.properties(ns, Duration.ofMillis(LEASE_MS), Duration.ofMillis(HEARTBEAT_MS),
                TestQueues.retry(3)));
        submit("k1");
        Process doomed = startDoomedWorker();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    job("k1").status() == JobStatus.TRANSCRIBING && "doomed".equals(job("k1").field("worker")));
            // Well past one lease: the doomed worker's heartbeats must have kept it, or this would be moot.
            Thread.sleep(LEASE_MS * 2);
            assertThat(job("k1").field("worker")).isEqualTo("doomed");
        } finally {
            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
            assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(doomed.exitValue()).isEqualTo(137);

        startWorker("rescuer", 1, Handlers.of("transcribe", ctx -> {
            redis.hincrBy(keys.feature("test", "runs:transcribe"), ctx.job().id(), 1);
            return StageResult.of(Map.of("transcript_key", "jobs/k1/transcript.json"));
        }), Handlers.noop("summarize"));

        awaitStatus("k1", JobStatus.COMPLETED);
        assertThat(redis.hget(keys.feature("test", "runs:transcribe"), "k1")).isEqualTo("2"); // doomed + rescuer
        assertThat(job("k1").field("transcript_key")).isEqualTo("jobs/k1/transcript.json");
        assertThat(job("k1").attempts()).isEqualTo(3);
        List<JobError> history = queue.errors("k1");
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("worker_lost");
            assertThat(e.message()).contains("doomed");
            assertThat(e.stage()).isEqualTo("transcribe");
        });
        for (var p : dev.daybook.shared.jobs.Priority.values()) {
            assertThat(redis.xlen(keys.stream("transcribe", p))).isZero();
        }
    }

    private Process startDoomedWorker() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                DoomedWorkerMain.class.getName(), server.uri(), ns, Long.toString(LEASE_MS),
                Long.toString(HEARTBEAT_MS)));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(File.createTempFile("doomed-worker", ".log"))
                .start();
    }
}

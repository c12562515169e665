package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs are recorded in Spring Batch's JDBC repository in PostgreSQL: a failed run restarts from its last
 * committed chunk, and an execution left running by a dead process is marked failed.
 */
class BatchRestartTest extends StatusApiTestBase {

    @Autowired
    JobRepository repository;
    @Autowired
    JobOperator operator;
    @Autowired
    RunReports reports;
    @Autowired
    BatchJobProperties properties;
    @Autowired
    JsonMapper json;
    @Autowired
    BatchRunner runner;

    /** Counts 1..n; its position is saved at every commit, like any {@code ItemStream} reader. */
    static final class Numbers extends AbstractItemCountingItemStreamItemReader<Integer> {
        Numbers(int n) {
            setName("numbers");
            setMaxItemCount(n);
        }

        @Override
        protected Integer doRead() {
            return getCurrentItemCount();
        }

        @Override
        protected void doOpen() {
        }

        @Override
        protected void doClose() {
        }
    }

    /** Writes 1..3 chunks' worth of numbers; while {@code broken}, the write of the third chunk fails. */
    final class Counting implements BatchJob {
        final String name = "counting-" + System.nanoTime();
        final List<Integer> written = new CopyOnWriteArrayList<>();
        volatile boolean broken = true;

        @Override
        public String name() {
            return name;
        }

        @Override
        public org.springframework.batch.core.job.Job build(JobRepository repository, Map<String, String> params, SkipLog skips) {
            int chunk = properties.chunkSize();
            return new JobBuilder(name, repository)
                    .start(Steps.<Integer, Integer>chunked("count", repository, properties, new Numbers(3 * chunk), n -> n,
                            items -> {
                                if (broken && items.getItems().contains(2 * chunk + 1)) {
                                    throw new IllegalStateException("the process died here");
                                }
                                written.addAll(items.getItems());
                            }, skips))
                    .build();
        }
    }

    private BatchRunner runnerOf(BatchJob job) {
        return new BatchRunner(List.of(job), new BatchRunner.Launch(repository, operator), new BatchLock(redis, keys),
                reports, properties, Clock.systemUTC());
    }

    private RunReport ended(String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !reports.find(id).orElseThrow().running());
        return reports.find(id).orElseThrow();
    }

    @Test
    void aFailedRunRestartedThroughTheApiResumesAfterItsLastCommittedChunk() throws Exception {
        int chunk = properties.chunkSize();
        Counting job = new Counting();
        BatchRunner counting = runnerOf(job);

        RunReport first = ended(counting.start(job.name(), Map.of()).id());

        assertThat(first.status()).isEqualTo("failed");
        assertThat(first.executionId()).isNotNull();
        assertThat(first.steps()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("FAILED");
            assertThat(s.written()).isEqualTo(2L * chunk);
            assertThat(s.commits()).isEqualTo(2);
        });
        assertThat(job.written).isEqualTo(IntStream.rangeClosed(1, 2 * chunk).boxed().toList());
        assertThat(repository.getJobExecution(first.executionId()).getStatus()).isEqualTo(BatchStatus.FAILED);

        job.broken = false;
        job.written.clear();
        RunReport again = ended(counting.restart(first.id()).id());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.status()).isEqualTo("completed");
        assertThat(again.restarts()).isEqualTo(1);
        assertThat(again.executionId()).isNotEqualTo(first.executionId());
        assertThat(job.written).isEqualTo(IntStream.rangeClosed(2 * chunk + 1, 3 * chunk).boxed().toList());
        JobExecution second = repository.getJobExecution(again.executionId());
        assertThat(second.getJobInstance().getInstanceId())
                .isEqualTo(repository.getJobExecution(first.executionId()).getJobInstance().getInstanceId());
    }

    @Test
    void aCompletedOrUnknownRunIsNotRestarted() throws Exception {
        String admin = TOKENS.admin("ops");
        String id = json.readTree(post("/v1/admin/batch/replay-dead-letters", admin, "{\"code\":\"none_such\"}").body())
                .get("id").asString();
        ended(id);

        var completed = post("/v1/admin/batch/runs/" + id + "/restart", admin, "");
        var unknown = post("/v1/admin/batch/runs/no-such-run/restart", admin, "");

        assertThat(completed.statusCode()).isEqualTo(409);
        assertThat(json.readTree(completed.body()).get("code").asString()).isEqualTo("batch_run_not_restartable");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void anExecutionLeftRunningByADeadProcessIsMarkedFailedWithAnEndTime() throws Exception {
        Counting job = new Counting();
        JobParameters params = new JobParametersBuilder().addString("run", "dead-" + System.nanoTime()).toJobParameters();
        JobExecution orphan = repository.createJobExecution(repository.createJobInstance(job.name(), params), params,
                new ExecutionContext());
        orphan.setStatus(BatchStatus.STARTED);
        orphan.setStartTime(LocalDateTime.now());
        repository.update(orphan);

        runnerOf(job).abandonOrphans();

        JobExecution after = repository.getJobExecution(orphan.getId());
        assertThat(after.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(after.getEndTime()).isNotNull();
        assertThat(repository.findRunningJobExecutions(job.name())).isEmpty();
    }

    private java.net.http.HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}

package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.daybook.shared.jobs.Job;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.record.Entries;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs are recorded in Spring Batch's JDBC repository in PostgreSQL: a run that died part-way is restarted
 * through {@code JobOperator.restart} and goes on after its last committed chunk, because its paging reader
 * saved its position in the step's execution context; a completed run is not restarted.
 */
class BatchRestartTest extends StatusApiTestBase {

    @Autowired
    JobRepository repository;
    @Autowired
    BatchJobProperties properties;
    @Autowired
    JsonMapper json;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RunSkips skips;
    @Autowired
    RunControl control;
    @Autowired
    BatchRunner runner;

    static final int CHUNK = 5;

    /**
     * One user's entries, read by the entry reader the jobs use (keeping its position), in chunks of five;
     * while {@code poisoned} names an entry, writing the chunk that holds it fails, as a write to a storage tier
     * that went away would.
     */
    final class Reading {
        final String name = "reading-" + System.nanoTime();
        final List<String> written = new CopyOnWriteArrayList<>();
        volatile String poisoned;

        org.springframework.batch.core.job.Job job(String user) {
            BatchJobProperties small = new BatchJobProperties(CHUNK, 1, 1, Duration.ofMinutes(1), Map.of(),
                    properties.retention(), properties.exports(), properties.imports());
            return new JobBuilder(name, repository)
                    .start(Steps.<Job, String>chunked("read", repository, small,
                            EntryReaders.ofUser(dataSource, entries, user, true), Job::id,
                            items -> {
                                if (items.getItems().contains(poisoned)) {
                                    throw new IllegalStateException("the tier went away");
                                }
                                written.addAll(items.getItems());
                            }, skips, control))
                    .build();
        }
    }

    @Autowired
    Entries entries;

    private RunReport ended(BatchRunner r, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !r.history().find(id).orElseThrow().running());
        return r.history().find(id).orElseThrow();
    }

    @Test
    void aRunThatDiedPartWayIsRestartedAfterItsLastCommittedChunk() throws Exception {
        String user = "restarted-" + System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3 * CHUNK - 2; i++) { // two full chunks, then a short third
            ids.add(completedJob(user));
        }
        ids = jdbc.queryForList("SELECT id FROM entries WHERE user_id = ? ORDER BY created_at, id", String.class, user);
        Reading reading = new Reading();
        reading.poisoned = ids.get(2 * CHUNK + 1); // in the third chunk
        try (RunLocks locks = new RunLocks(dataSource)) {
            BatchRunner own = new BatchRunner(List.of(reading.job(user)), List.of(), repository, locks, runner.history());

            RunReport first = ended(own, own.start(reading.name, Map.of()).id());

            assertThat(first.status()).isEqualTo("failed");
            assertThat(first.steps()).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo("FAILED");
                assertThat(s.written()).isEqualTo(2L * CHUNK);
                assertThat(s.commits()).isEqualTo(2);
            });
            assertThat(reading.written).isEqualTo(ids.subList(0, 2 * CHUNK));
            assertThat(repository.getJobExecution(first.executionId()).getStatus()).isEqualTo(BatchStatus.FAILED);

            reading.poisoned = null; // the tier is back
            RunReport again = ended(own, own.restart(first.id()).id());

            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.status()).isEqualTo("completed");
            assertThat(again.restarts()).isEqualTo(1);
            assertThat(again.executionId()).isNotEqualTo(first.executionId());
            StepExecution resumed = repository.getJobExecution(again.executionId()).getStepExecutions().iterator().next();
            assertThat(resumed.getReadCount()).as("only what the first run had not committed is read").isEqualTo(CHUNK - 2);
            assertThat(reading.written).as("every entry written once, in order").isEqualTo(ids);
            JobExecution second = repository.getJobExecution(again.executionId());
            assertThat(second.getJobInstance().getInstanceId())
                    .isEqualTo(repository.getJobExecution(first.executionId()).getJobInstance().getInstanceId());
        }
    }

    @Test
    void aCompletedOrUnknownRunIsNotRestarted() throws Exception {
        String admin = TOKENS.admin("ops");
        String id = json.readTree(post("/v1/admin/batch/replay-dead-letters", admin, "{\"code\":\"none_such\"}").body())
                .get("id").asString();
        ended(runner, id);

        var completed = post("/v1/admin/batch/runs/" + id + "/restart", admin, "");
        var unknown = post("/v1/admin/batch/runs/no-such-run/restart", admin, "");
        var never = post("/v1/admin/batch/runs/987654321987/restart", admin, "");

        assertThat(completed.statusCode()).isEqualTo(409);
        assertThat(json.readTree(completed.body()).get("code").asString()).isEqualTo("batch_run_not_restartable");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(never.statusCode()).isEqualTo(404);
    }

    private java.net.http.HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}

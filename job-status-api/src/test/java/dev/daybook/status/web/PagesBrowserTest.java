package dev.daybook.status.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import redis.clients.jedis.params.XAddParams;

/**
 * Runs {@code src/test/e2e/pages.e2e.mjs} (playwright-core driving Debian's headless Chromium) against this
 * service with seeded jobs: the diary page reads a completed entry and deletes it, shows a transcript's words
 * as they are recognised, the operations page retries and purges dead letters. Then checks in Redis and storage that the page really did those things.
 * Needs {@code /usr/bin/chromium} and {@code npm ci} in src/test/e2e (see {@link PagesScript#requireBrowser()}).
 */
class PagesBrowserTest extends StatusApiTestBase {

    @Autowired
    private MeterRegistry meters;

    @Test
    void diaryAndOperationsPagesWorkInARealBrowser() throws Exception {
        PagesScript.requireBrowser();
        String entry = completedJob("page-user");
        String retry = deadLetter("page-user");
        String purge = deadLetter("page-user");
        String match = deadLetter("page-user");

        String log = runPages(Map.of("MODE", "seeded", "USER_TOKEN", TOKENS.user("page-user"),
                "ADMIN_TOKEN", TOKENS.admin("ops"), "SEEDED_JOB_ID", entry, "DEAD_RETRY_ID", retry, "DEAD_PURGE_ID", purge,
                "DEAD_MATCH_ID", match, "LOW_CONFIDENCE_WORDS", "Sam.,mum"));

        assertThat(log).contains("low-confidence words marked: Sam., mum", "pages e2e (seeded) passed");
        assertThat(queue.find(entry)).isEmpty();
        assertThat(Files.exists(STORAGE.resolve("cold").resolve(TieredStorage.jobPrefix(entry) + "audio"))).isFalse();
        assertThat(queue.find(retry).orElseThrow().status().wire()).isEqualTo("queued");
        assertThat(redis.zscore(keys.dead(), purge)).isNull();
        assertThat(redis.zscore(keys.dead(), match)).isNull();
        assertThat(queue.find(match).orElseThrow().status().wire()).isEqualTo("queued");
    }

    @Test
    void submittedFileIsWatchedUntilItsNoteAppearsThenDeleted() throws Exception {
        PagesScript.requireBrowser();
        AtomicReference<String> submitted = new AtomicReference<>();
        INGESTION.onSubmit((user, body) -> {
            String id = UUID.randomUUID().toString();
            try {
                storage.hot().put(TieredStorage.jobKey(id, "audio"), new ByteArrayInputStream(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            queue.enqueue(new NewJob(id, user, Priority.NORMAL, null, Map.of(JobFields.AUDIO_KEY, TieredStorage.jobKey(id, "audio"))));
            submitted.set(id);
            Thread.ofVirtual().start(() -> pretendWorkers(id));
            return id;
        });

        String log = runPages(Map.of("MODE", "stack", "USER_TOKEN", TOKENS.user("page-user"), "TIMEOUT_S", "60",
                "AUDIO_FILE", TESTDATA.resolve("diary/entry1.wav").toAbsolutePath().toString()));

        assertThat(log).contains("pages e2e (stack) passed");
        assertThat(submitted.get()).isNotNull();
        assertThat(queue.find(submitted.get())).isEmpty();
        assertThat(Files.exists(STORAGE.resolve("hot").resolve(TieredStorage.jobKey(submitted.get(), "audio")))).isFalse();
    }

    @Test
    void diaryShowsTheWordsAsTheyAreRecognisedBeforeTheJobCompletes() throws Exception {
        PagesScript.requireBrowser();
        // A stream of an earlier test ends at its next heartbeat; counting it in would make the wait below miss
        // this page's stream (one closing as the page's opens leaves the count unchanged).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> openStreams() == 0);
        String id = queuedJob("live-user");
        double streamsBefore = openStreams();
        Thread worker = Thread.ofVirtual().start(() -> transcribeWhileWatched(id, streamsBefore));

        String log = runPages(Map.of("MODE", "live", "USER_TOKEN", TOKENS.user("live-user"), "LIVE_JOB_ID", id));
        worker.join(10_000);

        assertThat(log).contains("pages e2e (live) passed");
        assertThat(queue.find(id).orElseThrow().status().wire()).isEqualTo("completed");
    }

    /**
     * Once the page has the job's event stream open: two chunks' words 1.5 s apart, then the job completes, each
     * change written as the workers' scripts write it (job record, stream event, wake-up).
     */
    private void transcribeWhileWatched(String id, double streamsBefore) {
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (openStreams() <= streamsBefore && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            change(id, JobEventType.STAGE_STARTED, null, Map.of(JobFields.STATUS, "transcribing", JobFields.STAGE, "transcribe"));
            change(id, JobEventType.PARTIAL_TRANSCRIPT, "Today I walked along the harbour", Map.of(JobFields.PROGRESS, "0.4"));
            Thread.sleep(1500);
            change(id, JobEventType.PARTIAL_TRANSCRIPT, "and watched the boats come in", Map.of(JobFields.PROGRESS, "0.8"));
            Thread.sleep(1500);
            complete(id);
        } catch (InterruptedException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private double openStreams() {
        return meters.get("daybook.status.event.streams").gauge().value();
    }

    /** What the two workers' scripts leave behind, one change (and event) at a time, while the page watches. */
    private void pretendWorkers(String id) {
        try {
            Thread.sleep(1000);
            change(id, JobEventType.PROGRESS, null,
                    Map.of(JobFields.STATUS, "transcribing", JobFields.STAGE, "transcribe", JobFields.PROGRESS, "0.5"));
            Thread.sleep(1000);
            complete(id);
        } catch (InterruptedException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void complete(String id) throws IOException {
        storage.hot().put(TieredStorage.jobKey(id, "transcript.json"), Files.newInputStream(fixture("transcript.json")));
        storage.hot().put(TieredStorage.jobKey(id, "note.json"), Files.newInputStream(fixture("note.json")));
        change(id, JobEventType.COMPLETED, null, Map.of(JobFields.STATUS, "completed", JobFields.STAGE, "summarize",
                JobFields.PROGRESS, "1", JobFields.TRANSCRIPT_KEY, TieredStorage.jobKey(id, "transcript.json"),
                JobFields.NOTE_KEY, TieredStorage.jobKey(id, "note.json"),
                JobFields.COMPLETED_AT, Long.toString(System.currentTimeMillis())));
    }

    private void change(String id, JobEventType type, String text, Map<String, String> fields) {
        redis.hset(keys.job(id), fields);
        Job job = queue.find(id).orElseThrow();
        JobEvent event = new JobEvent(null, id, job.userId(), type, job.status().wire(), job.stage(),
                System.currentTimeMillis(), job.progress(), text, null);
        redis.xadd(keys.jobEvents(), XAddParams.xAddParams(), event.fields());
        redis.publish(keys.events(), id);
    }

    private String runPages(Map<String, String> env) throws Exception {
        return PagesScript.run("pages.e2e.mjs", url(""), env);
    }

    private String deadLetter(String user) {
        String id = queuedJob(user);
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "failed", JobFields.ERROR_CODE, "corrupt_audio",
                JobFields.ERROR_MESSAGE, "decoder gave up"));
        redis.zadd(keys.dead(), System.currentTimeMillis(), id);
        return id;
    }
}

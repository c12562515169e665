package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.daybook.shared.testing.PostgresServerProcess;
import dev.daybook.status.JobStatusApiApplication;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch runs asked for on the public API run on an ops pod: this test's context is {@code daybook.role=public}; a
 * second application, {@code daybook.role=ops}, shares its database, Redis namespace and storage, as the two
 * deployments do. Until the ops pod is up, what was asked for waits, queued, and the JobRepository holds no run
 * of it; once it is up it claims the requests, builds the export the user then downloads from the public API,
 * runs the admin's job and restarts the failed run a restart was asked for. A request cancelled while queued never
 * runs. The same run asked for again while it waits is refused as if it ran (409 {@code batch_running}), at once
 * on several pods too, and queued again once it was claimed; two exports of one user are two runs. Every pod
 * reports how long the oldest request has waited. An ops pod forgets old claimed requests on its first round,
 * then only every {@code forget-every}. A database of its own, so the other test contexts (role {@code all})
 * claim nothing of it. A restart asked for on several pods at once, while another pod records the same, is
 * recorded once. Requests waiting for a job that runs on another pod, more of them than a round claims, do not
 * keep a user's export from starting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsRunsTest extends StatusApiTestBase {

    private static final String OWN_DATABASE = PostgresServerProcess.shared().newDatabase();
    private static final String NAMESPACE = "ops-runs";
    private static ConfigurableApplicationContext ops;

    static {
        databaseOfNextContext = OWN_DATABASE;
    }

    @DynamicPropertySource
    static void publicRole(DynamicPropertyRegistry r) {
        r.add("daybook.role", () -> "public");
        r.add("daybook.queue.namespace", () -> NAMESPACE);
    }

    @AfterAll
    static void stopOps() {
        databaseOfNextContext = null;
        if (ops != null) {
            ops.close();
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    JobRepository repository;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String admin = TOKENS.admin("ops-runs");
    private static final String USER = "ops-runs-user";
    /** What the first test asked for, for the second to follow up once an ops pod runs. */
    private static String exportLocation;
    private static String backfillRun;
    private static String cancelledRun;
    private static String cancelledExport;
    private static String restartedRun;
    private static String secondExportLocation;
    private static String replayRun;
    private static final Pattern OLDEST_AGE = Pattern.compile("(?m)^daybook_batch_requests_oldest_age_seconds(?:\\{[^}]*})? (\\S+)$");

    @Test
    @Order(1)
    void onThePublicApiARunIsOnlyRecordedAndWaitsQueued() throws Exception {
        completedJob(USER);
        HttpResponse<String> export = post("/v1/exports", "{}", TOKENS.user(USER));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(202);
        assertThat(json.readTree(export.body()).get("status").asString()).isEqualTo("queued");
        exportLocation = export.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> backfill = post("/v1/admin/batch/backfill", "", admin);
        assertThat(backfill.statusCode()).as(backfill.body()).isEqualTo(202);
        JsonNode queued = json.readTree(backfill.body());
        assertThat(queued.get("status").asString()).isEqualTo("queued");
        assertThat(queued.get("id").asString()).startsWith("request-");
        assertThat(backfill.headers().firstValue("Location").orElseThrow()).endsWith("/runs/" + queued.get("id").asString());
        backfillRun = queued.get("id").asString();

        JsonNode asked = json.readTree(post("/v1/admin/batch/export", "{\"user\":\"" + USER + "\"}", admin).body());
        cancelledRun = asked.get("id").asString();
        cancelledExport = asked.get("params").get("export_id").asString();
        HttpResponse<String> cancel = post("/v1/admin/batch/runs/" + cancelledRun + "/cancel", "", admin);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(json.readTree(cancel.body()).get("status").asString()).isEqualTo("cancelled");
        JsonNode dropped = json.readTree(get("/v1/exports/" + cancelledExport, TOKENS.user(USER)).body());
        assertThat(dropped.get("status").asString()).isEqualTo("failed"); // its user is not left polling

        String failed = failedRun();
        HttpResponse<String> restart = post("/v1/admin/batch/runs/" + failed + "/restart", "", admin);
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
        assertThat(json.readTree(restart.body()).get("status").asString()).isEqualTo("queued");
        assertThat(json.readTree(get("/v1/admin/batch/runs/" + failed, admin).body()).get("status").asString()).isEqualTo("queued");
        restartedRun = failed;

        // a bad request is still refused at once, by the public pod
        assertThat(post("/v1/admin/batch/backfill", "{\"nope\":\"1\"}", admin).statusCode()).isEqualTo(400);
        assertThat(post("/v1/admin/batch/nope", "", admin).statusCode()).isEqualTo(404);

        assertThat(context.getBeanNamesForType(RunRequestClaimer.class)).isEmpty();
        Thread.sleep(Duration.ofSeconds(1)); // a claimer polling every 200 ms would have started them by now
        assertThat(instances("export")).isEmpty();
        assertThat(instances("backfill")).isEmpty();
        assertThat(repository.getJobExecutions(repository.getJobInstance(Long.parseLong(failed)))).hasSize(1);
        assertThat(json.readTree(get(exportLocation, TOKENS.user(USER)).body()).get("status").asString()).isEqualTo("queued");
        JsonNode runs = json.readTree(get("/v1/admin/batch/runs", admin).body()).get("runs");
        assertThat(runs.findValuesAsString("id")).contains(backfillRun).doesNotContain(cancelledRun);
    }

    @Test
    @Order(2)
    void theSameRunAskedForWhileItWaitsIsRefusedAsIfItRan() throws Exception {
        HttpResponse<String> again = post("/v1/admin/batch/backfill", "", admin);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("\"code\":\"batch_running\"");

        // asked for at once, as on several public pods; the same parameters in another order are the same run
        List<String> bodies = List.of("{\"code\":\"ops-runs-none\",\"stage\":\"llm\"}",
                "{\"stage\":\"llm\",\"code\":\"ops-runs-none\"}");
        List<HttpResponse<String>> answers;
        try (ExecutorService pods = Executors.newFixedThreadPool(6)) {
            List<CompletableFuture<HttpResponse<String>>> asked = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                            post("/v1/admin/batch/replay-dead-letters", bodies.get(i % 2), admin), pods))
                    .toList();
            answers = asked.stream().map(CompletableFuture::join).toList();
        }
        assertThat(answers).filteredOn(a -> a.statusCode() == 202).hasSize(1);
        assertThat(answers).filteredOn(a -> a.statusCode() == 409).hasSize(5)
                .allSatisfy(a -> assertThat(a.body()).contains("\"code\":\"batch_running\""));
        replayRun = json.readTree(answers.stream().filter(a -> a.statusCode() == 202).findFirst().orElseThrow().body())
                .get("id").asString();
        assertThat(replayRun).startsWith("request-");

        // each export has an id of its own: a user's second export is another run, queued beside the first
        HttpResponse<String> second = post("/v1/exports", "{}", TOKENS.user(USER));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        secondExportLocation = second.headers().firstValue("Location").orElseThrow();
        assertThat(secondExportLocation).isNotEqualTo(exportLocation);

        assertThat(oldestRequestAge()).isGreaterThanOrEqualTo(1.0); // the first test's requests, a second at least
    }

    @Test
    @Order(3)
    void aRestartAskedForAtOnceOnSeveralPodsIsRecordedOnce() throws Exception {
        List<String> failed = List.of(failedRun(), failedRun());
        List<HttpResponse<String>> answers;
        // another public pod is recording a restart of each run: inserted, not committed yet
        try (Connection otherPod = DriverManager.getConnection(OWN_DATABASE, PostgresServerProcess.USER, "");
             ExecutorService pods = Executors.newFixedThreadPool(6)) {
            otherPod.setAutoCommit(false);
            for (String run : failed) {
                try (PreparedStatement ps = otherPod.prepareStatement(
                        "INSERT INTO batch_requests (job, restart_of) VALUES ('replay-dead-letters', ?)")) {
                    ps.setLong(1, Long.parseLong(run));
                    ps.executeUpdate();
                }
            }
            List<CompletableFuture<HttpResponse<String>>> asked = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                            post("/v1/admin/batch/runs/" + failed.get(i % 2) + "/restart", "", admin), pods))
                    .toList();
            // each pod's insert waits for the other pod's to commit, or has gone in beside it
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    asked.stream().allMatch(CompletableFuture::isDone) || insertsWaiting() == asked.size());
            otherPod.commit();
            answers = asked.stream().map(CompletableFuture::join).toList();
        }
        assertThat(answers).allSatisfy(a -> { // as ever: the run, queued
            assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
            assertThat(json.readTree(a.body()).get("status").asString()).isEqualTo("queued");
        });
        for (String run : failed) {
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM batch_requests "
                    + "WHERE restart_of = ?", Integer.class, Long.parseLong(run))).as("restarts of %s", run).isEqualTo(1);
        }
        // called off, so the next test's ops pod does not run them
        failed.forEach(run -> assertThat(post("/v1/admin/batch/runs/" + run + "/cancel", "", admin).statusCode())
                .isEqualTo(202));
    }

    @Test
    @Order(4)
    void anOpsPodClaimsAndRunsThemAndTheUserDownloadsFromThePublicApi() throws Exception {
        ops = SpringApplication.run(JobStatusApiApplication.class, "--server.port=0", "--daybook.role=ops",
                "--daybook.queue.namespace=" + NAMESPACE, "--daybook.batch.requests.poll=200ms",
                "--daybook.redis.url=" + REDIS.uri(), "--spring.datasource.url=" + OWN_DATABASE,
                "--spring.datasource.username=" + PostgresServerProcess.USER, "--daybook.storage.root=" + STORAGE,
                "--daybook.batch.import.roots=" + IMPORT_ROOT,
                "--daybook.auth.public-key-location=" + TOKENS.publicKeyPem(),
                "--daybook.pages.ingestion-base-url=" + INGESTION.baseUrl(),
                "--daybook.batch.schedules.tiering=0s", "--daybook.batch.schedules.retention=0s");

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                get(exportLocation, TOKENS.user(USER)).headers().firstValue("Content-Type").orElse("").equals("application/zip"));
        HttpResponse<byte[]> zip = getBytes(exportLocation, TOKENS.user(USER));
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(new String(zip.body(), 0, 2)).isEqualTo("PK");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                get(secondExportLocation, TOKENS.user(USER)).headers().firstValue("Content-Type").orElse("")
                        .equals("application/zip"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                "completed".equals(json.readTree(get("/v1/admin/batch/runs/" + backfillRun, admin).body()).get("status").asString()));
        JsonNode run = json.readTree(get("/v1/admin/batch/runs/" + backfillRun, admin).body());
        assertThat(run.get("id").asString()).matches("[0-9]+"); // the job instance it became
        assertThat(instances("backfill")).hasSize(1);

        // claimed, the request no longer stands for the run: once it has ended, the same run is queued again
        BatchRunner opsRunner = ops.getBean(BatchRunner.class);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !opsRunner.busy("backfill", Map.of()));
        HttpResponse<String> again = post("/v1/admin/batch/backfill", "", admin);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        String againRun = json.readTree(again.body()).get("id").asString();
        assertThat(againRun).startsWith("request-").isNotEqualTo(backfillRun);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                "completed".equals(json.readTree(get("/v1/admin/batch/runs/" + againRun, admin).body()).get("status").asString()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                "completed".equals(json.readTree(get("/v1/admin/batch/runs/" + replayRun, admin).body()).get("status").asString()));

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                "completed".equals(json.readTree(get("/v1/admin/batch/runs/" + restartedRun, admin).body()).get("status").asString()));
        assertThat(json.readTree(get("/v1/admin/batch/runs/" + restartedRun, admin).body()).get("restarts").asInt()).isEqualTo(1);

        List<String> exportIds = instances("export").stream()
                .map(i -> repository.getLastJobExecution(i).getJobParameters().getString("export_id")).toList();
        assertThat(exportIds).hasSize(2).doesNotContain(cancelledExport);
        assertThat(get("/v1/admin/batch/runs/" + cancelledRun, admin).statusCode()).isEqualTo(404);
        assertThat(oldestRequestAge()).isZero(); // nothing waits
    }

    @Test
    @Order(5)
    void anOpsPodForgetsOldClaimedRequestsOnItsFirstRoundThenOnlyEveryForgetEvery() {
        RunRequestClaimer claimer = new RunRequestClaimer(context.getBean(RunRequests.class),
                new BatchRequestProperties(Duration.ofSeconds(1), 8, Duration.ofHours(1), Duration.ofMinutes(10)), "test");
        long old = claimedAgo("2 hours");
        long recent = claimedAgo("30 minutes");

        assertThat(claimer.forgetIfDue()).isTrue();
        assertThat(requestExists(old)).isFalse();
        assertThat(requestExists(recent)).isTrue(); // within keep

        long older = claimedAgo("3 hours");
        assertThat(claimer.forgetIfDue()).isFalse(); // not again within forget-every
        assertThat(requestExists(older)).isTrue();
        context.getBean(JdbcTemplate.class).update("DELETE FROM batch_requests WHERE id IN (?, ?)", recent, older);
    }

    @Test
    @Order(6)
    void requestsWaitingForARunningJobDoNotKeepAnotherJobsRequestWaiting() throws Exception {
        RunRequestClaimer claimer = ops.getBean(RunRequestClaimer.class);
        claimer.stop(); // its rounds are this test's: one, below
        int atOnce = ops.getBean(BatchRequestProperties.class).claimAtOnce();
        // more runs of one job than a round claims, each with other parameters, asked for while it was free
        List<String> waiting = IntStream.rangeClosed(0, atOnce).mapToObj(i -> {
            HttpResponse<String> asked = post("/v1/admin/batch/replay-dead-letters",
                    "{\"code\":\"ops-runs-wait-" + i + "\"}", admin);
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
            return json.readTree(asked.body()).get("id").asString();
        }).toList();
        try (RunLocks otherPod = new RunLocks(context.getBean(DataSource.class))) {
            assertThat(otherPod.acquire("replay-dead-letters")).isTrue(); // now a run of that job goes on there
            String user = "ops-runs-fair";
            completedJob(user);
            HttpResponse<String> export = post("/v1/exports", "{}", TOKENS.user(user));
            assertThat(export.statusCode()).as(export.body()).isEqualTo(202);
            String exportId = json.readTree(export.body()).get("id").asString();
            String exportLocation = export.headers().firstValue("Location").orElseThrow();

            long began = System.nanoTime();
            claimer.runOnce();
            Duration round = Duration.ofNanos(System.nanoTime() - began);

            assertThat(context.getBean(JdbcTemplate.class).queryForList("SELECT instance_id FROM batch_requests "
                    + "WHERE job = 'export' AND params->>'export_id' = ?", Long.class, exportId))
                    .as("the export's request, claimed and started in that round").singleElement().isNotNull();
            assertThat(round).as("the waiting ones passed over at once").isLessThan(Duration.ofSeconds(5));
            for (String run : waiting) {
                assertThat(json.readTree(get("/v1/admin/batch/runs/" + run, admin).body()).get("status").asString())
                        .as(run).isEqualTo("queued");
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    get(exportLocation, TOKENS.user(user)).headers().firstValue("Content-Type").orElse("")
                            .equals("application/zip"));
        } finally {
            waiting.forEach(run -> post("/v1/admin/batch/runs/" + run + "/cancel", "", admin));
        }
    }

    /** A request some pod claimed that long ago (a PostgreSQL interval); its id. */
    private long claimedAgo(String interval) {
        return context.getBean(JdbcTemplate.class).queryForObject("INSERT INTO batch_requests (job, claimed_by, claimed_at) "
                + "VALUES ('backfill', 'an ops pod', now() - ?::interval) RETURNING id", Long.class, interval);
    }

    private boolean requestExists(long id) {
        return Boolean.TRUE.equals(context.getBean(JdbcTemplate.class).queryForObject(
                "SELECT EXISTS (SELECT 1 FROM batch_requests WHERE id = ?)", Boolean.class, id));
    }

    /** Statements of pods waiting for a lock to insert into batch_requests. */
    private int insertsWaiting() {
        return context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock' "
                + "AND query LIKE 'INSERT INTO batch_requests%'", Integer.class);
    }

    /** What this (public) pod reports as the oldest unclaimed request's age, in seconds. */
    private double oldestRequestAge() {
        Matcher m = OLDEST_AGE.matcher(get("/actuator/prometheus", null).body());
        assertThat(m.find()).as("daybook_batch_requests_oldest_age_seconds is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** A run that failed earlier on some ops pod, as the repository keeps it; its id. */
    private String failedRun() {
        var params = new JobParametersBuilder().addString(BatchRunner.RUN, "failed-" + System.nanoTime())
                .addString("code", "none_such", false).toJobParameters();
        var failed = repository.createJobExecution(repository.createJobInstance("replay-dead-letters", params), params,
                new ExecutionContext());
        failed.setStatus(BatchStatus.FAILED);
        failed.setStartTime(LocalDateTime.now());
        failed.setEndTime(LocalDateTime.now());
        repository.update(failed);
        return Long.toString(failed.getJobInstanceId());
    }

    private List<JobInstance> instances(String job) {
        return repository.getJobInstances(job, 0, 100);
    }

    private HttpResponse<String> post(String path, String body, String token) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}

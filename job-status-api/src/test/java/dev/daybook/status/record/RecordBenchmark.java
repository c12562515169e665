package dev.daybook.status.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.EventConsumerGroup;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.PostgresServerProcess;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench-record}: the recorder against a bare batched {@code INSERT … ON CONFLICT} of the same rows,
 * in the same run, on its own redis-server and PostgreSQL; then reads of the record at {@code entries} entries
 * for one user.
 *
 * <ol>
 *   <li>Recorder: {@code entries} jobs are enqueued while no recorder runs (one {@code accepted} event each); a
 *       recorder then starts and the clock runs until its consumer group has nothing left (read, one HGETALL and
 *       one error-history read per job, the upsert in batches, the ack).</li>
 *   <li>Baseline: the same rows, read back from the table, upserted into a copy of it by plain JDBC batches of
 *       the recorder's batch size: the cost of the database write alone.</li>
 *   <li>Reads, p50/p95 over {@code reads} calls each, in process (no HTTP): a listing page of 20 at a random
 *       keyset position, and a single read of an entry whose Redis record has expired (Redis, then
 *       PostgreSQL, as {@code GET /v1/jobs/{id}} does).</li>
 * </ol>
 * Run: {@code make bench-record [BENCH_ARGS="entries=10000 reads=2000"]}.
 */
public final class RecordBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        Arrays.stream(args).map(s -> s.split("=", 2)).forEach(kv -> a.put(kv[0], kv[1]));
        int n = Integer.parseInt(a.getOrDefault("entries", "10000"));
        int reads = Integer.parseInt(a.getOrDefault("reads", "2000"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "500"));

        try (RedisServerProcess redisServer = RedisServerProcess.start();
             PostgresServerProcess pg = PostgresServerProcess.start();
             HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(pg.newDatabase());
            ds.setUsername(PostgresServerProcess.USER);
            ds.setMaximumPoolSize(4);
            Flyway.configure().dataSource(ds).load().migrate();
            UnifiedJedis redis = RedisClients.create(redisServer.uri());
            QueueProperties qp = QueueProperties.defaults();
            JobQueue queue = new JobQueue(redis, qp, Clock.systemUTC(), JobTracing.noop());
            JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // no listeners: the jobs have no notes, so the diary index would have nothing to do
            Entries entries = new Entries(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), json,
                    new DefaultListableBeanFactory().getBeanProvider(EntryListener.class));
            Path storageRoot = Files.createTempDirectory("daybook-bench-record-");
            EntryRows rows = new EntryRows(queue, TieredStorage.local(storageRoot), json);
            RecordProperties props = new RecordProperties(true, batch, Duration.ofMillis(200), Duration.ofSeconds(30),
                    Duration.ofSeconds(1));
            Recorder recorder = new Recorder(props, redis, qp, queue, entries, rows, java.util.List.of(), Clock.systemUTC(),
                    new SimpleMeterRegistry());
            EventConsumerGroup group = new EventConsumerGroup(redis, new RedisKeys(qp.namespace()),
                    RedisKeys.RECORDER_GROUP);
            group.ensure();

            System.out.printf("record benchmark: %d entries for one user, recorder batch %d, %s, %d cores%n", n, batch,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            // Warm-up, untimed: the recorder's and the baseline's code paths compiled, connections open.
            int warm = Integer.parseInt(a.getOrDefault("warmup", "10000"));
            int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
            recordRound(queue, recorder, group, "warm-up", warm, null);
            upsertAll(jdbc, ds, "warm-up", "entries_warmup", batch, null);

            // Rounds, alternating which side goes first (the machine's speed drifts); the figure is the median ratio.
            List<Double> ratios = new ArrayList<>();
            List<String> ids = List.of();
            String previous = "warm-up";
            for (int r = 1; r <= rounds; r++) {
                String user = "reader-" + r;
                Upserted base = null;
                if (r % 2 == 0) {
                    base = upsertAll(jdbc, ds, previous, "entries_baseline_" + r, batch, "baseline");
                }
                List<String> roundIds = new ArrayList<>();
                double recorderS = recordRound(queue, recorder, group, user, n, roundIds);
                if (base == null) {
                    base = upsertAll(jdbc, ds, user, "entries_baseline_" + r, batch, "baseline");
                }
                double recorderRate = n / recorderS;
                double baselineRate = base.rows() / base.seconds();
                ratios.add(recorderRate / baselineRate);
                System.out.printf("round %d (%s first): recorder %,d events in %.2f s = %,.0f events/s; baseline %,d rows "
                                + "in %.2f s = %,.0f rows/s; ratio %.2f%n", r, r % 2 == 0 ? "baseline" : "recorder",
                        n, recorderS, recorderRate, base.rows(), base.seconds(), baselineRate,
                        recorderRate / baselineRate);
                ids = roundIds;
                previous = user;
            }
            List<Double> sorted = ratios.stream().sorted().toList();
            System.out.printf("%nrecorder / bare batched INSERT ... ON CONFLICT of the same rows: median ratio %.2f over %d "
                    + "rounds (goal >= 0.7)%n", sorted.get(sorted.size() / 2), rounds);
            if (entries.count() != (long) n * rounds + warm) {
                throw new IllegalStateException("expected " + ((long) n * rounds + warm) + " rows, found " + entries.count());
            }
            String reader = previous;

            // Reads: every Redis record expired (deleted here), so each single read falls through to PostgreSQL.
            for (String id : ids) {
                redis.del(new RedisKeys(qp.namespace()).job(id));
            }
            JobRecords records = new JobRecords(queue, entries);
            Random random = new Random(42);
            List<Job> newestFirst = entries.page(reader, null, null, null, n).stream().map(Listed::job).toList();
            long[] page = new long[reads];
            long[] single = new long[reads];
            for (int i = 0; i < reads; i++) {
                Job at = newestFirst.get(random.nextInt(newestFirst.size()));
                long s = System.nanoTime();
                List<Listed> p = records.page(reader, null, at.createdAt().toEpochMilli(), at.id(), 20);
                page[i] = System.nanoTime() - s;
                if (p.isEmpty() && at != newestFirst.get(newestFirst.size() - 1)) {
                    throw new IllegalStateException("an empty page before the end");
                }
                s = System.nanoTime();
                records.find(ids.get(random.nextInt(ids.size()))).orElseThrow();
                single[i] = System.nanoTime() - s;
            }
            System.out.printf("listing page of 20 at %,d entries:        p50 %.2f ms, p95 %.2f ms (goal p95 <= 20 ms)%n",
                    n, pct(page, 50), pct(page, 95));
            System.out.printf("single read, expired from Redis:        p50 %.2f ms, p95 %.2f ms (goal p95 <= 20 ms)%n",
                    pct(single, 50), pct(single, 95));
            Long bytes = jdbc.queryForObject("SELECT pg_total_relation_size('entries')", Long.class);
            System.out.printf("PostgreSQL: %.1f KB per entry (table, indexes and TOAST)%n", bytes / 1024.0 / entries.count());
            redis.close();
        }
    }

    /**
     * The baseline: the rows of {@code user}, as the recorder wrote them, upserted into a new copy of the table
     * ({@code LIKE entries INCLUDING ALL}) by plain JDBC batches in one transaction each. The rows are read
     * before the clock starts.
     */
    private record Upserted(int rows, double seconds) {
    }

    /**
     * Enqueues {@code n} jobs of {@code user} while no recorder runs (one {@code accepted} event each, untimed),
     * then times a recorder from its start until its group has nothing left. Returns the seconds.
     */
    private static double recordRound(JobQueue queue, Recorder recorder, EventConsumerGroup group, String user, int n,
                                      List<String> ids) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            if (ids != null) {
                ids.add(id);
            }
            queue.enqueue(new NewJob(id, user, Priority.NORMAL, null,
                    Map.of("audio", "{\"format\":\"wav\",\"duration_s\":61.2,\"size_bytes\":1958444}")));
            if (ids != null) {
                progress("enqueue", i + 1, n);
            }
        }
        long t0 = System.nanoTime();
        recorder.start();
        long behind;
        while ((behind = group.behind()) > 0) {
            if (ids != null) {
                progress("recorder", (int) (n - behind), n);
            }
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        recorder.stop();
        if (ids != null) {
            progress("recorder", n, n);
        }
        return seconds;
    }

    private static Upserted upsertAll(JdbcTemplate jdbc, HikariDataSource ds, String user, String table, int batch,
                                      String label) {
        jdbc.execute("CREATE TABLE " + table + " (LIKE entries INCLUDING ALL)");
        List<Map<String, Object>> all = jdbc.queryForList("SELECT * FROM entries WHERE user_id = ?", user);
        // every column but the generated ones (the search tsvector), which the copy computes as entries does
        List<String> generated = jdbc.queryForList("SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = 'entries' AND is_generated = 'ALWAYS'", String.class);
        List<String> cols = all.get(0).keySet().stream().filter(c -> !generated.contains(c)).toList();
        String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                + String.join(", ", cols.stream().map(c -> "?").toList()) + ") ON CONFLICT (id) DO UPDATE SET "
                + String.join(", ", cols.stream().filter(c -> !c.equals("id")).map(c -> c + " = EXCLUDED." + c).toList());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        long start = System.nanoTime();
        for (int from = 0; from < all.size(); from += batch) {
            List<Map<String, Object>> chunk = all.subList(from, Math.min(all.size(), from + batch));
            tx.executeWithoutResult(s -> jdbc.batchUpdate(sql, chunk, chunk.size(), (ps, row) -> {
                for (int c = 0; c < cols.size(); c++) {
                    ps.setObject(c + 1, row.get(cols.get(c)));
                }
            }));
            if (label != null) {
                progress(label, Math.min(all.size(), from + batch), all.size());
            }
        }
        return new Upserted(all.size(), (System.nanoTime() - start) / 1e9);
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private static int shown = -1;

    /** A progress bar that redraws only when it moves. */
    private static void progress(String what, int done, int total) {
        int step = done * 20 / Math.max(1, total);
        if (step != shown || done == total) {
            shown = done == total ? -1 : step;
            int width = 30;
            int filled = (int) ((long) width * done / Math.max(1, total));
            System.out.printf("\r%-9s [%s%s] %,d/%,d", what, "#".repeat(filled), " ".repeat(width - filled), done, total);
            if (done == total) {
                System.out.println();
            }
        }
    }
}

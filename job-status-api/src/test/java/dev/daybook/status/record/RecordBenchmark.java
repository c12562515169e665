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
            Entries entries = new Entries(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), json);
            Path storageRoot = Files.createTempDirectory("daybook-bench-record-");
            EntryRows rows = new EntryRows(queue, TieredStorage.local(storageRoot), json);
            RecordProperties props = new RecordProperties(true, batch, Duration.ofMillis(200), Duration.ofSeconds(30),
                    Duration.ofSeconds(1));
            Recorder recorder = new Recorder(props, redis, qp, queue, entries, rows, Clock.systemUTC(),
                    new SimpleMeterRegistry());
            EventConsumerGroup group = new EventConsumerGroup(redis, new RedisKeys(qp.namespace()),
                    RedisKeys.RECORDER_GROUP);
            group.ensure();

            System.out.printf("record benchmark: %d entries for one user, recorder batch %d, %s, %d cores%n", n, batch,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                queue.enqueue(new NewJob(id, "reader", Priority.NORMAL, null,
                        Map.of("audio", "{\"format\":\"wav\",\"duration_s\":61.2,\"size_bytes\":1958444}")));
                progress("enqueue", i + 1, n);
            }

            long t0 = System.nanoTime();
            recorder.start();
            while (group.behind() > 0) {
                progress("recorder", (int) (n - group.behind()), n);
                Thread.sleep(20);
            }
            double recorderS = (System.nanoTime() - t0) / 1e9;
            recorder.stop();
            long recorded = entries.count();
            progress("recorder", n, n);

            jdbc.execute("CREATE TABLE entries_baseline (LIKE entries INCLUDING ALL)");
            List<Map<String, Object>> all = jdbc.queryForList("SELECT * FROM entries");
            List<String> cols = new ArrayList<>(all.get(0).keySet());
            String sql = "INSERT INTO entries_baseline (" + String.join(", ", cols) + ") VALUES ("
                    + String.join(", ", cols.stream().map(c -> "?").toList()) + ") ON CONFLICT (id) DO UPDATE SET "
                    + String.join(", ", cols.stream().filter(c -> !c.equals("id"))
                    .map(c -> c + " = EXCLUDED." + c).toList());
            long t1 = System.nanoTime();
            for (int from = 0; from < all.size(); from += batch) {
                List<Map<String, Object>> chunk = all.subList(from, Math.min(all.size(), from + batch));
                new TransactionTemplate(new DataSourceTransactionManager(ds)).executeWithoutResult(s ->
                        jdbc.batchUpdate(sql, chunk, chunk.size(), (ps, row) -> {
                            for (int c = 0; c < cols.size(); c++) {
                                ps.setObject(c + 1, row.get(cols.get(c)));
                            }
                        }));
                progress("baseline", Math.min(all.size(), from + batch), all.size());
            }
            double baselineS = (System.nanoTime() - t1) / 1e9;

            double recorderRate = recorded / recorderS;
            double baselineRate = all.size() / baselineS;
            System.out.printf("%nrecorder:  %,d events recorded in %.2f s = %,.0f events/s%n", recorded, recorderS,
                    recorderRate);
            System.out.printf("baseline:  %,d rows upserted in %.2f s = %,.0f rows/s (batched INSERT ... ON CONFLICT)%n",
                    all.size(), baselineS, baselineRate);
            System.out.printf("ratio:     %.2f (goal >= 0.7)%n", recorderRate / baselineRate);

            // Reads: every Redis record expired (deleted here), so each single read falls through to PostgreSQL.
            for (String id : ids) {
                redis.del(new RedisKeys(qp.namespace()).job(id));
            }
            JobRecords records = new JobRecords(queue, entries);
            Random random = new Random(42);
            List<Job> newestFirst = entries.page("reader", null, null, null, n);
            long[] page = new long[reads];
            long[] single = new long[reads];
            for (int i = 0; i < reads; i++) {
                Job at = newestFirst.get(random.nextInt(newestFirst.size()));
                long s = System.nanoTime();
                List<Job> p = records.page("reader", null, at.createdAt().toEpochMilli(), at.id(), 20);
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
            System.out.printf("PostgreSQL: %.1f KB per entry (table, indexes and TOAST)%n", bytes / 1024.0 / recorded);
            redis.close();
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private static void progress(String what, int done, int total) {
        if (done == total || done % Math.max(1, total / 20) == 0) {
            int width = 30;
            int filled = (int) ((long) width * done / Math.max(1, total));
            System.out.printf("\r%-9s [%s%s] %,d/%,d", what, "#".repeat(filled), " ".repeat(width - filled), done, total);
            if (done == total) {
                System.out.println();
            }
        }
    }
}

package dev.daybook.status.batch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.daybook.shared.admission.AdmissionProperties;
import dev.daybook.shared.admission.Backpressure;
import dev.daybook.shared.admission.BatchAdmission;
import dev.daybook.shared.admission.RateLimiter;
import dev.daybook.shared.audio.validation.AudioLimits;
import dev.daybook.shared.audio.validation.AudioValidator;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.QueueStats;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.WorkerRegistry;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.redis.RedisProperties;
import dev.daybook.shared.storage.StorageProperties;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.tracing.JobTracing;
import org.springframework.batch.core.configuration.support.JdbcDefaultBatchConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make import DIR=path USER=name}: the {@code import} batch job run from the command line, into the
 * stack {@code make run} started: its Redis and storage (the same {@code DAYBOOK_*} settings) and its
 * PostgreSQL ({@code DAYBOOK_DB_URL}, {@code DAYBOOK_DB_USER}, {@code DAYBOOK_DB_PASSWORD}), whose
 * JobRepository records the run, so it is listed on the operations page and can be restarted there, and whose
 * advisory lock keeps it apart from an import started there. A progress bar goes to stderr and the run's
 * report to stdout. The folder or bucket given on the command line is allowed for this run on top of
 * {@code daybook.batch.import.roots}/{@code buckets} (whoever runs the command already reads it); the storage
 * tiers, hidden folders and links out of the folder stay refused. The upload rules and admission are the
 * services' ({@code daybook.ingestion.audio.*}, {@code daybook.ingestion.admission.*}): while the import waits
 * for the user's rate limit or a full backlog, the bar says so.
 */
public final class ImportCommand {

    private ImportCommand() {
    }

    /**
     * The import job and what it runs on, without the web application around them. Registered by hand, not
     * a {@code @Configuration}: the service's component scan must not pick it up.
     */
    @Import(ImportJob.class)
    static class Batch extends JdbcDefaultBatchConfiguration {

        @Bean
        RunSkips runSkips(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
            return new RunSkips(jdbc, transactionManager);
        }

        @Bean
        RunControl runControl(JobRepository repository) {
            return new RunControl(repository);
        }

        @Bean(destroyMethod = "close")
        RunLocks runLocks(DataSource dataSource) {
            return new RunLocks(dataSource);
        }

        @Bean
        BatchRunner batchRunner(List<Job> jobs, JobRepository repository, RunLocks locks, RunSkips skips, JdbcTemplate jdbc) {
            return new BatchRunner(jobs, List.of(), repository, locks, new RunHistory(repository, skips, jdbc));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ImportCommand <folder | gs://bucket/prefix> <user> [priority [tier]]");
            System.exit(2);
        }
        System.exit(run(args, new StandardEnvironment()));
    }

    /** Runs the import; 0 when it completed, 1 when it did not, 2 when it could not start. */
    static int run(String[] args, StandardEnvironment environment) throws Exception {
        Binder settings = Binder.get(environment);
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        QueueProperties queueProperties = settings.bindOrCreate("daybook.queue", QueueProperties.class);
        BatchJobProperties batch = settings.bindOrCreate("daybook.batch", BatchJobProperties.class);
        StorageProperties storageProperties = settings.bindOrCreate("daybook.storage", StorageProperties.class);
        String source = args[0].startsWith("gs://") ? args[0] : Path.of(args[0]).toAbsolutePath().normalize().toString();
        if (!UserIds.isWellFormed(args[1])) {
            System.err.println("not a user id: " + args[1] + " (1 to 128 letters, digits and . _ @ | + = -)");
            return 2;
        }
        Map<String, String> params = new java.util.HashMap<>(Map.of("source", source, "user", args[1]));
        if (args.length > 2) {
            params.put("priority", args[2]);
        }
        if (args.length > 3) {
            params.put("tier", args[3]); // the user's rate-limit tier, as their token's tier claim says
        }
        try (RedisClient redis = RedisClients.create(settings.bindOrCreate("daybook.redis", RedisProperties.class));
             AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            Clock clock = Clock.systemUTC();
            RedisKeys keys = new RedisKeys(queueProperties.namespace());
            Storage[] gcs = new Storage[1];
            TieredStorage storage = TieredStorage.from(storageProperties, () -> gcs[0] = gcs(gcs[0]));
            ImportRoots roots = ImportRoots.of(batch.imports(), storageProperties).allowing(source);
            AdmissionProperties admission = settings.bindOrCreate("daybook.ingestion.admission", AdmissionProperties.class);
            DataSource dataSource = dataSource(environment);
            int total;
            try {
                total = ImportSource.parse(source, roots, batch.imports().timeout(), () -> gcs[0] = gcs(gcs[0])).list().size();
            } catch (ImportRoots.Refused e) {
                System.err.println(e.code() + ": " + e.getMessage());
                return 2;
            }
            ProgressBar bar = new ProgressBar(System.err, total);
            context.registerBean("dataSource", DataSource.class, () -> dataSource);
            context.registerBean("transactionManager", PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
            context.registerBean(JdbcTemplate.class, () -> new JdbcTemplate(dataSource));
            context.registerBean(BatchJobProperties.class, () -> batch);
            context.registerBean(ImportRoots.class, () -> roots);
            context.registerBean(TieredStorage.class, () -> storage);
            context.registerBean(JsonMapper.class, () -> json);
            context.registerBean(JobQueue.class, () -> new JobQueue(redis, queueProperties, clock, JobTracing.noop()));
            context.registerBean(AudioValidator.class,
                    () -> new AudioValidator(settings.bindOrCreate("daybook.ingestion.audio", AudioLimits.class)));
            context.registerBean(BatchAdmission.class, () -> new BatchAdmission(admission, new RateLimiter(redis, keys, admission),
                    new Backpressure(new QueueStats(redis, queueProperties, new WorkerRegistry(redis, keys, clock)), admission),
                    BatchAdmission.DEFAULT_POLL));
            context.registerBean(ImportJob.Progress.class, () -> bar::next);
            context.register(Batch.class);
            context.refresh();
            BatchRunner runner = context.getBean(BatchRunner.class);
            RunReport started;
            try {
                started = runner.start(ImportJob.NAME, params);
            } catch (BatchRunner.Busy | IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            runner.await(started.id());
            bar.done();
            RunReport report = runner.history().find(started.id()).orElseThrow();
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return "completed".equals(report.status()) ? 0 : 1;
        }
    }

    /** The stack's database, as the service finds it (application.yml's defaults: {@code make run}'s PostgreSQL). */
    private static DataSource dataSource(StandardEnvironment environment) {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                environment.getProperty("DAYBOOK_DB_URL", "jdbc:postgresql://127.0.0.1:5490/daybook"),
                environment.getProperty("DAYBOOK_DB_USER", "daybook"),
                environment.getProperty("DAYBOOK_DB_PASSWORD", ""));
        return ds;
    }

    private static Storage gcs(Storage made) {
        return made != null ? made : StorageOptions.getDefaultInstance().getService();
    }

    /** {@code [#########...........]  12/40  entry12.wav} on one line, redrawn per file. */
    static final class ProgressBar {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private final int total;
        private final AtomicInteger seen = new AtomicInteger();

        ProgressBar(PrintStream out, int total) {
            this.out = out;
            this.total = Math.max(total, 1);
        }

        void next(String file) {
            int n = file.startsWith("waiting, ") ? seen.get() : seen.incrementAndGet();
            int filled = Math.min(WIDTH, n * WIDTH / total);
            out.printf("\r[%s%s] %d/%d  %-60.60s", "#".repeat(filled), ".".repeat(WIDTH - filled), n, total, file);
            out.flush();
        }

        void done() {
            out.println();
        }
    }
}

package dev.daybook.status.batch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
import dev.daybook.shared.queue.WorkerRegistry;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.redis.RedisProperties;
import dev.daybook.shared.storage.StorageProperties;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.tracing.JobTracing;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make import DIR=path USER=name}: the {@code import} batch job run from the command line, against the
 * Redis and storage the services use (the same {@code DAYBOOK_*} settings), with a progress bar on stderr
 * and the run's report at the end. The run takes the job's lock and writes its report to Redis like a run
 * started from the operations page, where it shows up too. The folder or bucket given on the command line is
 * allowed for this run on top of {@code daybook.batch.import.roots}/{@code buckets} (whoever runs the command
 * already reads it); the storage tiers, hidden folders and links out of the folder stay refused. The upload
 * rules and admission are the services' ({@code daybook.ingestion.audio.*}, {@code daybook.ingestion.admission.*}):
 * while the import waits for the user's rate limit or a full backlog, the bar says so.
 */
public final class ImportCommand {

    private ImportCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ImportCommand <folder | gs://bucket/prefix> <user> [priority [tier]]");
            System.exit(2);
        }
        Binder settings = Binder.get(new StandardEnvironment());
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        QueueProperties queueProperties = settings.bindOrCreate("daybook.queue", QueueProperties.class);
        BatchJobProperties batch = settings.bindOrCreate("daybook.batch", BatchJobProperties.class);
        StorageProperties storageProperties = settings.bindOrCreate("daybook.storage", StorageProperties.class);
        try (RedisClient redis = RedisClients.create(settings.bindOrCreate("daybook.redis", RedisProperties.class))) {
            Clock clock = Clock.systemUTC();
            RedisKeys keys = new RedisKeys(queueProperties.namespace());
            Storage[] gcs = new Storage[1];
            TieredStorage storage = TieredStorage.from(storageProperties, () -> gcs[0] = gcs(gcs[0]));
            JobQueue queue = new JobQueue(redis, queueProperties, clock, JobTracing.noop());
            DefaultListableBeanFactory noBeans = new DefaultListableBeanFactory(); // ImportJob builds its GCS client itself
            String source = args[0].startsWith("gs://") ? args[0] : Path.of(args[0]).toAbsolutePath().normalize().toString();
            if (!UserIds.isWellFormed(args[1])) {
                System.err.println("not a user id: " + args[1] + " (1 to 128 letters, digits and . _ @ | + = -)");
                System.exit(2);
            }
            Map<String, String> params = new java.util.HashMap<>(Map.of("source", source, "user", args[1]));
            if (args.length > 2) {
                params.put("priority", args[2]);
            }
            if (args.length > 3) {
                params.put("tier", args[3]); // the user's rate-limit tier, as their token's tier claim says
            }
            ImportRoots roots = ImportRoots.of(batch.imports(), storageProperties).allowing(source);
            AudioValidator validator = new AudioValidator(settings.bindOrCreate("daybook.ingestion.audio", AudioLimits.class));
            AdmissionProperties admission = settings.bindOrCreate("daybook.ingestion.admission", AdmissionProperties.class);
            BatchAdmission admit = new BatchAdmission(admission, new RateLimiter(redis, keys, admission),
                    new Backpressure(new QueueStats(redis, queueProperties, new WorkerRegistry(redis, keys, clock)), admission),
                    BatchAdmission.DEFAULT_POLL);
            ImportJob unwatched = new ImportJob(storage, queue, json, noBeans.getBeanProvider(Storage.class), batch, roots,
                    validator, admit);
            int total;
            try {
                total = unwatched.source(source).list().size();
            } catch (ImportRoots.Refused e) {
                System.err.println(e.code() + ": " + e.getMessage());
                System.exit(2);
                return;
            }
            ProgressBar bar = new ProgressBar(System.err, total);
            ImportJob job = unwatched.withProgress(bar::next);
            RunReports reports = new RunReports(redis, keys, json, batch.keepRuns());
            BatchRunner runner = new BatchRunner(List.of(job), BatchRunner.Launch::inMemory, new BatchLock(redis, keys), reports, batch, clock);
            RunReport started = runner.start("import", params);
            runner.await(started.id());
            bar.done();
            RunReport report = reports.find(started.id()).orElseThrow();
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            System.exit("completed".equals(report.status()) ? 0 : 1);
        }
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

package dev.daybook.shared.bench;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.TestQueues;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.BlobStore;
import dev.daybook.shared.storage.GcsBlobStore;
import dev.daybook.shared.storage.LocalBlobStore;
import dev.daybook.shared.storage.Mover;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import redis.clients.jedis.RedisClient;

/**
 * Artifacts tiered per second and MB/s for 1 MB objects through the real {@link Mover} (copy, verify, pointer
 * switch in Redis, delete): local → local and local → Google's in-memory GCS fake. The baseline, in the same
 * run on the same bytes, is a raw {@code Files.copy} of each object from one directory to another.
 *
 * <p>Arguments (optional): {@code objects=300 size=1048576 warmup=100}; the warm-up moves (untimed) let the JIT
 * compile the copy and hashing loops first, which otherwise dominate a short run.
 */
public final class StorageBenchmark {

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = intArg(args, "objects", 300);
        int warmup = intArg(args, "warmup", 100);
        int size = intArg(args, "size", 1024 * 1024);
        Path dir = Files.createTempDirectory("daybook-bench-storage-");
        byte[] bytes = new byte[size];
        new Random(1).nextBytes(bytes);
        try (RedisServerProcess server = RedisServerProcess.start();
             RedisClient redis = RedisClients.create(server.uri())) {
            System.out.printf("%d objects of %,d bytes; %d cores; %s; temp dir %s%n", objects, size,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), dir);
            double raw = rawCopy(dir.resolve("raw"), objects, bytes);
            report("baseline: raw Files.copy", raw, objects, size, raw);
            tier(redis, dir.resolve("wl"), new LocalBlobStore(dir.resolve("wl/warm")), warmup, bytes, "wl");
            tier(redis, dir.resolve("wg"), gcsFake("warmup"), warmup, bytes, "wg");
            double local = tier(redis, dir.resolve("ll"), new LocalBlobStore(dir.resolve("ll/warm")), objects, bytes, "ll");
            report("mover local -> local", local, objects, size, raw);
            double gcs = tier(redis, dir.resolve("lg"), gcsFake("bench-warm"), objects, bytes, "lg");
            report("mover local -> GCS fake", gcs, objects, size, raw);
        } finally {
            try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static GcsBlobStore gcsFake(String bucket) {
        return new GcsBlobStore(LocalStorageHelper.customOptions(false).getService(), bucket, "", "STANDARD");
    }

    /** Seconds to copy every object file to another directory. */
    private static double rawCopy(Path dir, int objects, byte[] bytes) throws Exception {
        Path from = Files.createDirectories(dir.resolve("a"));
        Path to = Files.createDirectories(dir.resolve("b"));
        for (int i = 0; i < objects; i++) {
            Files.write(from.resolve("o" + i), bytes);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < objects; i++) {
            Files.copy(from.resolve("o" + i), to.resolve("o" + i));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds for the mover to take every object's audio from a local hot tier to {@code warm}. */
    private static double tier(RedisClient redis, Path dir, BlobStore warm, int objects, byte[] bytes, String ns)
            throws Exception {
        Map<Tier, BlobStore> stores = new EnumMap<>(Tier.class);
        stores.put(Tier.HOT, new LocalBlobStore(dir.resolve("hot")));
        stores.put(Tier.WARM, warm);
        TieredStorage storage = new TieredStorage(stores);
        JobQueue queue = new JobQueue(redis, TestQueues.properties(ns), Clock.systemUTC(), JobTracing.noop());
        for (int i = 0; i < objects; i++) {
            String key = TieredStorage.jobKey("b" + i, "audio");
            storage.hot().put(key, new ByteArrayInputStream(bytes));
            queue.enqueue(new NewJob("b" + i, "bench", Priority.LOW, null, Map.of(JobFields.AUDIO_KEY, key)));
        }
        Mover mover = new Mover(storage, new ArtifactPointers(redis, new RedisKeys(ns)), Mover.NO_CHECKPOINT);
        long t0 = System.nanoTime();
        for (int i = 0; i < objects; i++) {
            if (mover.move("b" + i, Artifact.AUDIO, Tier.WARM).outcome() != Mover.Outcome.MOVED) {
                throw new IllegalStateException("object " + i + " did not move");
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void report(String what, double seconds, int objects, int size, double baseline) {
        System.out.printf("%-26s %8.1f objects/s %8.1f MB/s   %.2fx the raw copy's time%n", what, objects / seconds,
                objects * (double) size / 1e6 / seconds, seconds / baseline);
    }

    private static int intArg(String[] args, String name, int otherwise) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return otherwise;
    }
}

package dev.daybook.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.ArtifactPointers;
import dev.daybook.shared.queue.JobQueue;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.TestQueues;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.storage.Mover.Outcome;
import dev.daybook.shared.storage.Mover.Step;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisClient;

/**
 * The mover against a real Redis and real stores, stopped dead after each of its steps and run again: the
 * artifact must be readable at every stop, and the second run must finish the move.
 */
class MoverTest {

    static RedisServerProcess server;
    static RedisClient redis;

    @TempDir
    Path dir;

    RedisKeys keys;
    JobQueue queue;
    ArtifactPointers pointers;
    byte[] audio;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
        redis = RedisClients.create(server.uri());
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.stop();
    }

    @BeforeEach
    void freshNamespace() {
        String ns = TestQueues.namespace();
        keys = new RedisKeys(ns);
        queue = new JobQueue(redis, TestQueues.properties(ns), Clock.systemUTC(), JobTracing.noop());
        pointers = new ArtifactPointers(redis, keys);
        audio = new byte[256 * 1024];
        new Random(7).nextBytes(audio);
    }

    /** A crash after every step, into a local warm tier and into a GCS one. */
    static Stream<Arguments> crashes() {
        return Stream.of(Step.values()).flatMap(step -> Stream.of(Arguments.of(step, false), Arguments.of(step, true)));
    }

    @ParameterizedTest(name = "crash after {0}, warm on GCS: {1}")
    @MethodSource("crashes")
    void aMoverKilledAfterAnyStepLeavesTheArtifactReadableAndTheNextRunFinishesIt(Step crashAt, boolean gcs)
            throws IOException {
        TieredStorage storage = storage(gcs);
        String id = seedTranscribedJob(storage);

        Mover crashing = new Mover(storage, pointers, step -> {
            if (step == crashAt) {
                throw new Killed();
            }
        });
        assertThatThrownBy(() -> crashing.move(id, Artifact.TRANSCRIPT, Tier.WARM)).isInstanceOf(Killed.class);
        assertThatThrownBy(() -> crashing.move(id, Artifact.AUDIO, Tier.WARM)).isInstanceOf(Killed.class);
        assertReadable(storage, id);
        boolean unfinished = crashAt != Step.DELETED;
        assertThat(pointers.job(id).field("audio_moving")).as("unfinished move noted").isEqualTo(unfinished ? "warm" : null);

        Mover resumed = new Mover(storage, pointers, Mover.NO_CHECKPOINT);
        assertThat(resumed.move(id, Artifact.AUDIO, Tier.WARM).outcome()).isIn(Outcome.MOVED, Outcome.ALREADY_THERE);
        assertThat(resumed.move(id, Artifact.TRANSCRIPT, Tier.WARM).outcome()).isIn(Outcome.MOVED, Outcome.ALREADY_THERE);

        Job job = pointers.job(id);
        assertThat(job.field("audio_tier")).isEqualTo("warm");
        assertThat(job.field("audio_location")).isEqualTo(storage.tier(Tier.WARM).location(key(id, "audio")));
        assertThat(job.field("transcript_tier")).isEqualTo("warm");
        assertThat(job.field("audio_moving")).isNull();
        assertReadable(storage, id);
        for (String name : new String[] {"audio", "transcript.json", "transcript.txt"}) {
            assertThat(storage.locate(key(id, name))).as(name).contains(Tier.WARM);
            assertThat(storage.hot().exists(key(id, name))).as(name + " left in hot").isFalse();
        }
        assertThat(read(storage.tier(Tier.WARM), key(id, "audio"))).isEqualTo(audio);
    }

    @Test
    void aMoveGoesOnColderAndARepeatedMoveChangesNothing() throws IOException {
        TieredStorage storage = storage(true);
        String id = seedTranscribedJob(storage);
        Mover mover = new Mover(storage, pointers, Mover.NO_CHECKPOINT);

        Mover.Result first = mover.move(id, Artifact.AUDIO, Tier.WARM);
        assertThat(first).isEqualTo(new Mover.Result(Outcome.MOVED, audio.length));
        assertThat(mover.move(id, Artifact.AUDIO, Tier.WARM).outcome()).isEqualTo(Outcome.ALREADY_THERE);
        assertThat(mover.move(id, Artifact.AUDIO, Tier.COLD).outcome()).isEqualTo(Outcome.MOVED);

        assertThat(pointers.job(id).field("audio_tier")).isEqualTo("cold");
        assertThat(storage.locate(key(id, "audio"))).contains(Tier.COLD);
        assertThat(storage.tier(Tier.WARM).exists(key(id, "audio"))).isFalse();
    }

    @Test
    void aCopyThatDoesNotMatchItsSourceIsDeletedAndTheRecordKeepsPointingAtTheSource() throws IOException {
        TieredStorage honest = storage(false);
        Map<Tier, BlobStore> stores = new EnumMap<>(Tier.class);
        stores.put(Tier.HOT, honest.hot());
        stores.put(Tier.WARM, new CorruptingStore((LocalBlobStore) honest.tier(Tier.WARM)));
        TieredStorage storage = new TieredStorage(stores);
        String id = seedTranscribedJob(storage);

        assertThatThrownBy(() -> new Mover(storage, pointers, Mover.NO_CHECKPOINT).move(id, Artifact.AUDIO, Tier.WARM))
                .isInstanceOf(IOException.class).hasMessageContaining("does not match");

        assertThat(pointers.job(id).field("audio_tier")).isNull();
        assertThat(storage.tier(Tier.WARM).exists(key(id, "audio"))).isFalse();
        assertThat(read(storage.hot(), key(id, "audio"))).isEqualTo(audio);
    }

    @Test
    void aRecordThatChangedDuringTheCopyIsLeftAloneAndTheCopyRemoved() throws IOException {
        TieredStorage storage = storage(false);
        String id = seedTranscribedJob(storage);
        Mover mover = new Mover(storage, pointers, step -> {
            if (step == Step.VERIFIED) {
                redis.hset(keys.job(id), "audio_tier", "cold"); // someone else moved it meanwhile
            }
        });

        assertThat(mover.move(id, Artifact.AUDIO, Tier.WARM).outcome()).isEqualTo(Outcome.STALE);
        assertThat(pointers.job(id).field("audio_tier")).isEqualTo("cold");
        assertThat(storage.tier(Tier.WARM).exists(key(id, "audio"))).isFalse();
        assertThat(storage.hot().exists(key(id, "audio"))).isTrue();
    }

    @Test
    void aJobDeletedDuringTheCopyLeavesNoCopyBehind() throws IOException {
        TieredStorage storage = storage(true);
        String id = seedTranscribedJob(storage);
        Mover mover = new Mover(storage, pointers, step -> {
            if (step == Step.COPIED) {
                queue.delete(id);
            }
        });

        assertThat(mover.move(id, Artifact.AUDIO, Tier.WARM).outcome()).isEqualTo(Outcome.GONE);
        assertThat(storage.locate(key(id, "audio"))).isEmpty();
    }

    private TieredStorage storage(boolean warmAndColdOnGcs) {
        Storage gcs = LocalStorageHelper.customOptions(false).getService();
        Map<Tier, BlobStore> stores = new EnumMap<>(Tier.class);
        stores.put(Tier.HOT, new LocalBlobStore(dir.resolve("hot")));
        stores.put(Tier.WARM, warmAndColdOnGcs ? new GcsBlobStore(gcs, "warm", "", "STANDARD")
                : new LocalBlobStore(dir.resolve("warm")));
        stores.put(Tier.COLD, warmAndColdOnGcs ? new GcsBlobStore(gcs, "cold", "", "COLDLINE")
                : new LocalBlobStore(dir.resolve("cold")));
        return new TieredStorage(stores);
    }

    private String seedTranscribedJob(TieredStorage storage) throws IOException {
        String id = "job-" + System.nanoTime();
        storage.hot().put(key(id, "audio"), new ByteArrayInputStream(audio));
        storage.hot().put(key(id, "transcript.json"), new ByteArrayInputStream("{\"text\":\"hello\"}".getBytes()));
        storage.hot().put(key(id, "transcript.txt"), new ByteArrayInputStream("hello".getBytes()));
        queue.enqueue(new NewJob(id, "alice", Priority.NORMAL, null, Map.of(
                JobFields.AUDIO_KEY, key(id, "audio"), JobFields.TRANSCRIPT_KEY, key(id, "transcript.json"))));
        return id;
    }

    private void assertReadable(TieredStorage storage, String id) throws IOException {
        Job job = pointers.job(id);
        try (InputStream in = storage.open(key(id, "audio"), Artifact.AUDIO.tier(job)).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(audio);
        }
        try (InputStream in = storage.open(key(id, "transcript.json"), Artifact.TRANSCRIPT.tier(job)).orElseThrow()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("{\"text\":\"hello\"}");
        }
        assertThat(storage.open(key(id, "transcript.txt"))).isPresent();
    }

    private static String key(String id, String name) {
        return TieredStorage.jobKey(id, name);
    }

    private static byte[] read(BlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    /** What a kill -9 between two steps looks like to the code after it: nothing more runs. */
    static final class Killed extends RuntimeException {
    }

    /** A local store that flips a byte of everything it writes, as a bad disk or a broken upload would. */
    static final class CorruptingStore implements BlobStore {
        private final LocalBlobStore delegate;

        CorruptingStore(LocalBlobStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String key, InputStream content) throws IOException {
            byte[] bytes = content.readAllBytes();
            bytes[bytes.length / 2] ^= 1;
            delegate.put(key, new ByteArrayInputStream(bytes));
        }

        @Override
        public void putFile(String key, Path file, boolean move) throws IOException {
            delegate.putFile(key, file, move);
        }

        @Override
        public java.util.Optional<InputStream> open(String key) throws IOException {
            return delegate.open(key);
        }

        @Override
        public boolean exists(String key) {
            return delegate.exists(key);
        }

        @Override
        public long size(String key) throws IOException {
            return delegate.size(key);
        }

        @Override
        public boolean delete(String key) throws IOException {
            return delegate.delete(key);
        }

        @Override
        public int deletePrefix(String prefix) throws IOException {
            return delegate.deletePrefix(prefix);
        }

        @Override
        public java.util.List<String> list(String prefix) throws IOException {
            return delegate.list(prefix);
        }

        @Override
        public java.util.Optional<Digest> digest(String key) throws IOException {
            return delegate.digest(key);
        }

        @Override
        public String location(String key) {
            return delegate.location(key);
        }
    }
}

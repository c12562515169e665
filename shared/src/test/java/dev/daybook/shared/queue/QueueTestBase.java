package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.tracing.JobTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.RedisClient;

/** One redis-server per test class, a fresh namespace per test, and the workers a test starts stopped after it. */
abstract class QueueTestBase {

    static RedisServerProcess server;
    static RedisClient redis;

    String ns;
    RedisKeys keys;
    QueueProperties properties;
    Clock clock = Clock.systemUTC();
    JobQueue queue;
    final List<Worker> workers = new ArrayList<>();

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
        ns = TestQueues.namespace();
        keys = new RedisKeys(ns);
        useProperties(TestQueues.properties(ns));
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(w -> w.stop(Duration.ofSeconds(2)));
    }

    void useProperties(QueueProperties p) {
        properties = p;
        queue = new JobQueue(redis, p, clock, JobTracing.noop());
    }

    Worker startWorker(String id, int concurrency, StageHandler... handlers) {
        Worker w = new Worker(redis, properties, List.of(handlers), new Worker.Options(id, concurrency, Map.of()),
                clock, null, JobTracing.noop());
        workers.add(w);
        w.start();
        return w;
    }

    String submit(String id) {
        return submit(id, Priority.NORMAL);
    }

    String submit(String id, Priority priority) {
        return queue.enqueue(new NewJob(id, "alice", priority, null, Map.of())).jobId();
    }

    Job job(String id) {
        return queue.find(id).orElseThrow();
    }

    void awaitStatus(String id, JobStatus status) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> queue.find(id).map(Job::status).orElse(null) == status);
    }

    long pendingIn(String stage, Priority p) {
        return redis.xpending(keys.stream(stage, p), RedisKeys.GROUP).getTotal();
    }
}

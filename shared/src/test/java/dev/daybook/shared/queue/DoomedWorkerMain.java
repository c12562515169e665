package dev.daybook.shared.queue;

import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.tracing.JobTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * A worker in its own JVM for the crash test: it takes a job, says so, and works on it until the test kills
 * the process with SIGKILL. Arguments: redis URI, namespace, lease ms, heartbeat ms.
 */
public final class DoomedWorkerMain {

    private DoomedWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        RedisClient redis = RedisClients.create(args[0]);
        String ns = args[1];
        QueueProperties properties = TestQueues.properties(ns, Duration.ofMillis(Long.parseLong(args[2])),
                Duration.ofMillis(Long.parseLong(args[3])), TestQueues.retry(3));
        RedisKeys keys = new RedisKeys(ns);
        StageHandler forever = Handlers.of("transcribe", ctx -> {
            redis.hincrBy(keys.feature("test", "runs:transcribe"), ctx.job().id(), 1);
            Thread.sleep(Long.MAX_VALUE);
            return StageResult.empty();
        });
        new Worker(redis, properties, List.of(forever), new Worker.Options("doomed", 1, Map.of()), Clock.systemUTC(),
                null, JobTracing.noop()).start();
        Thread.currentThread().join();
    }
}

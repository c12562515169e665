package dev.daybook.status;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real queue worker for both stages, so jobs finish the way the completion and failure scripts leave them
 * (with their events). A job whose record has {@code test_outcome=fail} fails for good in its first stage.
 */
public final class TestStages {

    public static final String OUTCOME = "test_outcome";

    private TestStages() {
    }

    public static Worker start(UnifiedJedis redis, QueueProperties properties) {
        Worker w = new Worker(redis, properties, List.of(stage("transcribe"), stage("summarize")),
                new Worker.Options("test-stages-" + System.nanoTime(), 4, Map.of()), Clock.systemUTC(),
                new SimpleMeterRegistry(), JobTracing.noop());
        w.start();
        return w;
    }

    private static StageHandler stage(String name) {
        return new StageHandler() {
            @Override
            public String stage() {
                return name;
            }

            @Override
            public StageResult handle(JobContext context) {
                if ("fail".equals(context.job().field(OUTCOME))) {
                    throw new JobFailure.Permanent("test_failure", "failed on purpose", null);
                }
                return StageResult.empty();
            }
        };
    }
}

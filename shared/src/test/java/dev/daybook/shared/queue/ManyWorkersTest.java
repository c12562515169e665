package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ManyWorkersTest extends QueueTestBase {

    /** Counts every execution in Redis, so a duplicate run would show whichever worker did it. */
    StageHandler counting(String stage) {
        return Handlers.of(stage, ctx -> {
            redis.hincrBy(keys.feature("test", "runs:" + stage), ctx.job().id(), 1);
            return StageResult.of(Map.of(stage + "_result", "done"));
        });
    }

    @Test
    void manyWorkersAndManyJobsEveryJobCompletesExactlyOnce() {
        int jobs = 1500;
        for (int w = 0; w < 4; w++) {
            startWorker("w" + w, 4, counting("transcribe"), counting("summarize"));
        }
        Priority[] priorities = Priority.values();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(submit("m" + i, priorities[i % 3]));
        }

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                ids.stream().allMatch(id -> job(id).status() == JobStatus.COMPLETED));

        for (String stage : List.of("transcribe", "summarize")) {
            Map<String, String> runs = redis.hgetAll(keys.feature("test", "runs:" + stage));
            assertThat(runs).hasSize(jobs);
            assertThat(runs.values()).containsOnly("1");
        }
        assertThat(ids).allSatisfy(id -> assertThat(job(id).attempts()).isEqualTo(2));
        for (Priority p : priorities) {
            assertThat(redis.xlen(keys.stream("transcribe", p))).isZero();
            assertThat(redis.xlen(keys.stream("summarize", p))).isZero();
        }
    }
}

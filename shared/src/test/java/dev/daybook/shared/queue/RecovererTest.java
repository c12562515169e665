package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;

/** Seed a job and a stale delivery, run the recoverer once, check every key it may touch. */
class RecovererTest extends QueueTestBase {

    static Stream<Arguments> cases() {
        return Stream.of(
                //          status before    attempts  status after  back on stream  error logged  dead
                Arguments.of("transcribing", "1",      "queued",     true,           true,         false),
                Arguments.of("transcribing", "3",      "failed",     false,          true,         true),
                Arguments.of("queued",       "0",      "queued",     true,           false,        false),
                Arguments.of("completed",    "1",      "completed",  false,          false,        false),
                Arguments.of("cancelled",    "1",      "cancelled",  false,          false,        false));
    }

    @ParameterizedTest(name = "{0} with {1} attempt(s) -> {2}")
    @MethodSource("cases")
    void aDeliveryWhoseWorkerWentSilentIsTakenBack(String before, String attempts, String after, boolean requeued,
                                                    boolean errorLogged, boolean dead) throws Exception {
        String stream = keys.stream("transcribe", Priority.NORMAL);
        new StreamGroups(redis, keys, properties.stages()).ensure();
        redis.hset(keys.job("j"), Map.of("id", "j", "user", "alice", "status", before, "stage", "transcribe",
                "priority", "normal", "stage_attempts", attempts, "worker", "ghost"));
        redis.xadd(stream, StreamEntryID.NEW_ENTRY, Map.of("job", "j"));
        redis.xreadGroup(RedisKeys.GROUP, "ghost", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        Thread.sleep(60); // the ghost's lease (50 ms) runs out

        MutableClock time = MutableClock.at("2026-11-22T08:00:00Z");
        long recovered = new Recoverer(new QueueScripts(redis, keys, properties.stages()), time,
                Duration.ofMillis(50), 3, Duration.ofSeconds(1)).runOnce();

        assertThat(redis.hget(keys.job("j"), "status")).isEqualTo(after);
        assertThat(recovered).isEqualTo(requeued || dead ? 1 : 0);
        assertThat(redis.xpending(stream, RedisKeys.GROUP).getTotal()).as("the stale delivery is acked").isZero();
        List<?> entries = redis.xrange(stream, (StreamEntryID) null, (StreamEntryID) null);
        assertThat(entries).hasSize(requeued ? 1 : 0);
        assertThat(redis.llen(keys.jobErrors("j"))).isEqualTo(errorLogged ? 1 : 0);
        assertThat(redis.zscore(keys.dead(), "j") != null).isEqualTo(dead);
        if (errorLogged) {
            assertThat(queue.errors("j").getFirst().code()).isEqualTo("worker_lost");
            assertThat(redis.hget(keys.job("j"), "worker")).isNull();
        }
    }
}

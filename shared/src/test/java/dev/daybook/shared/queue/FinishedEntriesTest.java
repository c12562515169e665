package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Finished stage entries leave their stream by trimming, not one XDEL each: an entry goes once every older one
 * is finished too, entries pending or not yet delivered always stay, and the consumer group's lag (what KEDA
 * scales on) stays exact throughout.
 */
class FinishedEntriesTest extends QueueTestBase {

    QueueScripts scripts;
    Pipeline.Stage transcribe;
    String stream;

    @BeforeEach
    void fiveJobsQueued() {
        scripts = QueueScripts.of(redis, properties);
        transcribe = properties.stages().first();
        stream = keys.stream(transcribe.name(), Priority.NORMAL);
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(new NewJob("j" + i, "alice", Priority.NORMAL, null, Map.of()));
        }
        queue.enqueueAll(jobs);
    }

    List<Delivery> deliver(int n) {
        return scripts.start(stream, transcribe, scripts.commands().readNew(stream, "w1", n), "w1", clock.millis());
    }

    void complete(Delivery... deliveries) {
        List<QueueScripts.Completion> batch = new ArrayList<>();
        for (Delivery d : deliveries) {
            batch.add(new QueueScripts.Completion(d, Map.of()));
        }
        assertThat(scripts.completeAll(batch, clock.millis())).containsOnly(Outcome.OK);
    }

    StreamGroupInfo group() {
        return redis.xinfoGroups(stream).stream().filter(g -> g.getName().equals(RedisKeys.GROUP)).findFirst()
                .orElseThrow();
    }

    @Test
    void aFinishedEntryStaysWhileAnOlderOneIsStillInFlight() {
        List<Delivery> d = deliver(3);

        complete(d.get(1), d.get(2));

        assertThat(redis.xlen(stream)).as("j0 is still running, so nothing after it is trimmed yet").isEqualTo(5);
        assertThat(group().getPending()).isEqualTo(1);
        assertThat(group().getGroupInfo().get("lag")).as("two never delivered, exactly").isEqualTo(2L);

        complete(d.get(0));

        assertThat(redis.xlen(stream)).as("the three finished entries go; the two undelivered stay").isEqualTo(2);
        assertThat(group().getPending()).isZero();
        assertThat(group().getGroupInfo().get("lag")).isEqualTo(2L);
        assertThat(new QueueStats(redis, properties, new WorkerRegistry(redis, keys, clock)).backlog("transcribe"))
                .isEqualTo(2);

        complete(deliver(2).toArray(Delivery[]::new));

        assertThat(redis.xlen(stream)).isZero();
        assertThat(group().getGroupInfo().get("lag")).isEqualTo(0L);
    }

    @Test
    void onlyEntriesBelowTheOldestPendingOneAreTrimmed() {
        List<String> ids = redis.xrange(stream, "-", "+").stream().map(e -> e.getID().toString()).toList();
        List<Delivery> d = deliver(4);

        complete(d.get(0), d.get(2), d.get(3));

        assertThat(redis.xrange(stream, "-", "+")).extracting(e -> e.getID().toString())
                .as("j1 is still pending: it and everything after it stay").containsExactlyElementsOf(ids.subList(1, 5));
        assertThat(redis.xpending(stream, RedisKeys.GROUP).getTotal()).isEqualTo(1);
    }

    @Test
    void aFailedAttemptAndASkippedEntryAreTrimmedToo() {
        queue.cancel("j1");
        List<Delivery> d = deliver(2);
        assertThat(d).as("the cancelled job's entry is skipped, not started").hasSize(1);

        scripts.fail(d.getFirst(), clock.millis() + 60_000, "boom", "it broke", "{}", clock.millis());

        assertThat(redis.xlen(stream)).as("both delivered entries are done with").isEqualTo(3);
        assertThat(group().getPending()).isZero();
        assertThat(group().getGroupInfo().get("lag")).isEqualTo(3L);
    }

    @Test
    void aBatchOfCompletionsIsOneAckAndNoDeletes() {
        List<Delivery> d = deliver(5);
        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

        complete(d.toArray(Delivery[]::new));

        assertThat(TestQueues.callsRun(redis, "xack")).isEqualTo(1);
        assertThat(TestQueues.callsRun(redis, "xdel")).isZero();
        assertThat(TestQueues.callsRun(redis, "xtrim")).isEqualTo(1);
        assertThat(redis.xlen(stream)).isZero();
    }
}

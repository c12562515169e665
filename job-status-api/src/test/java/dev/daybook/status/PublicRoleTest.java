package dev.daybook.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.status.role.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.context.TestPropertySource;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * {@code daybook.role=public}: the API answers, and none of the background loops exists — no webhook delivery,
 * recorder, search indexer, batch scheduler, batch request claimer or catch-up — so the recorder's and the webhooks' consumer groups
 * get no consumer from it while jobs change. Its own key namespace, so other test contexts' loops (role
 * {@code all}, the default) sharing the redis-server are not counted.
 */
@TestPropertySource(properties = {"daybook.role=public", "daybook.queue.namespace=public-role"})
class PublicRoleTest extends StatusApiTestBase {

    private static final List<String> BACKGROUND = List.of("dev.daybook.status.webhooks.Webhooks",
            "dev.daybook.status.record.Recorder", "dev.daybook.status.search.EmbeddingIndexer",
            "dev.daybook.status.batch.BatchScheduler", "dev.daybook.status.batch.RunRequestClaimer",
            "dev.daybook.status.diary.CatchUp");

    @Autowired
    ApplicationContext context;

    @Test
    void thePublicRoleHasNoBackgroundLoopAndOnlyTheApisOwnLifecyclesRun() throws Exception {
        for (String type : BACKGROUND) {
            assertThat(context.getBeanNamesForType(Class.forName(type))).as(type).isEmpty();
        }
        List<String> running = context.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(SmartLifecycle::isRunning)
                .map(b -> b.getClass().getName())
                .filter(name -> name.startsWith("dev.daybook."))
                .toList();
        // what SSE, long polls and DELETE need: the event stream's reader, the job-changed channel's subscriber,
        // the feeds, and the second erase of a deleted job's files
        assertThat(running).allMatch(name -> name.endsWith(".JobEventStreamReader") || name.endsWith(".Feeds")
                || name.endsWith(".JobChangeSubscriber") || name.endsWith(".LateWriteSweeper"),
                "only what serving needs: " + running);
    }

    @Test
    void jobsChangingMeetNoRecorderOrWebhookConsumerHere() throws Exception {
        String id = UUID.randomUUID().toString();
        queue.enqueue(new NewJob(id, "public-user", Priority.NORMAL, null, Map.of()));
        Thread.sleep(Duration.ofSeconds(1)); // a recorder would have joined its group and read the event by now

        assertThat(keys.jobEvents()).startsWith("{public-role}");
        for (StreamGroupInfo g : redis.xinfoGroups(keys.jobEvents())) {
            if (g.getName().equals(RedisKeys.RECORDER_GROUP) || g.getName().equals(RedisKeys.WEBHOOK_GROUP)) {
                assertThat(g.getConsumers()).as(g.getName()).isZero();
            }
        }
        assertThat(get("/v1/jobs/" + id, TOKENS.user("public-user")).statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleIsPublicOpsOrAllAndNothingElse() {
        assertThat(Role.parse(null)).isEqualTo(Role.ALL);
        assertThat(Role.parse(" Ops ")).isEqualTo(Role.OPS);
        assertThat(Role.PUBLIC.runsBackgroundWork()).isFalse();
        assertThat(Role.OPS.runsBackgroundWork()).isTrue();
        assertThatThrownBy(() -> Role.parse("publik")).hasMessageContaining("public, ops or all");
    }
}

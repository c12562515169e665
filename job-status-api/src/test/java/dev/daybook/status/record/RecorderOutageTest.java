package dev.daybook.status.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.testing.PostgresServerProcess;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.TestStages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL away for 30 s while jobs finish: the queue does not notice, the recorder keeps its batch, and once
 * the database is back every finished job is recorded. Its own server (this test stops it) and its own Redis
 * namespace (so the other test contexts' recorders do not read its events).
 */
class RecorderOutageTest extends StatusApiTestBase {

    private static final PostgresServerProcess OWN = PostgresServerProcess.start();

    static {
        databaseOfNextContext = OWN.newDatabase();
    }

    @DynamicPropertySource
    static void ownNamespace(DynamicPropertyRegistry r) {
        r.add("daybook.queue.namespace", () -> "outage");
        r.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void stopServer() {
        databaseOfNextContext = null;
        OWN.stop();
    }

    @Autowired
    private QueueProperties queueProperties;

    @Test
    void jobsThatFinishWhilePostgresIsDownAreAllRecordedOnceItIsBack() throws Exception {
        OWN.stop();
        long downSince = System.nanoTime();
        Worker worker = TestStages.start(redis, queueProperties);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = UUID.randomUUID().toString();
                queue.enqueue(new NewJob(id, "patient", Priority.NORMAL, null, Map.of()));
                ids.add(id);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                    .allMatch(id -> queue.find(id).map(j -> j.status() == JobStatus.COMPLETED).orElse(false)));
            Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - downSince) / 1_000_000));
            assertThat(redis.pttl(keys.job(ids.get(0)))).isEqualTo(-1); // not recorded, so Redis keeps it

            OWN.restart();

            for (String id : ids) {
                awaitRecorded(id, JobStatus.COMPLETED);
            }
            assertThat(entries.count()).isEqualTo(10);
        } finally {
            worker.stop();
        }
    }
}

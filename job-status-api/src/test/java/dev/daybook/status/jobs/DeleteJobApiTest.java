package dev.daybook.status.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DeleteJobApiTest extends StatusApiTestBase {

    @Test
    void deletionLeavesNothingOfTheRecordingInAnyTierOrInRedis() throws Exception {
        String id = completedJob("diarist");
        storage.tier(Tier.HOT).put(TieredStorage.jobKey(id, "audio"),
                Files.newInputStream(TESTDATA.resolve("diary/entry1.wav"))); // a second copy, as mid-tiering
        assertThat(blobsOf(id)).isNotEmpty();

        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user("diarist")).statusCode()).isEqualTo(204);

        assertThat(blobsOf(id)).isEmpty();
        for (Tier t : Tier.values()) {
            assertThat(storage.tier(t).exists(TieredStorage.jobKey(id, "audio"))).isFalse();
        }
        assertThat(redis.exists(keys.job(id))).isFalse();
        assertThat(redis.exists(keys.jobErrors(id))).isFalse();
        assertThat(redis.zscore(keys.userJobs("diarist"), id)).isNull();
        assertThat(get("/v1/jobs/" + id, TOKENS.user("diarist")).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user("diarist")).statusCode()).isEqualTo(404);
    }

    @Test
    void deletingAQueuedJobCancelsItFirst() {
        String id = queuedJob("diarist");
        String etag = get("/v1/jobs/" + id, TOKENS.user("diarist")).headers().firstValue("ETag").orElseThrow();

        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user("diarist")).statusCode()).isEqualTo(204);

        assertThat(queue.find(id)).isEmpty();
        assertThat(get("/v1/jobs/" + id + "?wait=5", TOKENS.user("diarist"), "If-None-Match", etag).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aResultWrittenAfterDeletionIsErasedByTheSecondSweep() throws Exception {
        String id = queuedJob("diarist");
        assertThat(send("DELETE", "/v1/jobs/" + id, TOKENS.user("diarist")).statusCode()).isEqualTo(204);
        // A worker that was mid-stage finishes its step and stores a transcript after all.
        storage.hot().put(TieredStorage.jobKey(id, "transcript.json"), Files.newInputStream(fixture("transcript.json")));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(blobsOf(id)).isEmpty());
    }

    /** Every file left under the job's prefix, in any tier directory. */
    private Stream<Path> blobsOf(String id) throws Exception {
        return Stream.of("hot", "warm", "cold")
                .map(tier -> STORAGE.resolve(tier).resolve(TieredStorage.jobPrefix(id)))
                .filter(Files::exists)
                .flatMap(dir -> {
                    try (Stream<Path> files = Files.walk(dir)) {
                        return files.filter(Files::isRegularFile).toList().stream();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}

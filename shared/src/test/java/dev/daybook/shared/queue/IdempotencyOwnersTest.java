package dev.daybook.shared.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.NewJob;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An Idempotency-Key names a job of its own user only (issue 20): user ids and keys may both contain ':', and
 * {@code <user>:<key>} written plainly made user {@code alice:k1} with key {@code x} and user {@code alice}
 * with key {@code k1:x} one key, so that one user's repeat was answered with the other's job.
 */
class IdempotencyOwnersTest extends QueueTestBase {

    @Test
    void usersAndKeysThatJoinToTheSameTextAreDifferentKeys() {
        var alice = queue.enqueue(new NewJob("a1", "alice", null, "k1:x", Map.of()));
        var mallory = queue.enqueue(new NewJob("m1", "alice:k1", null, "x", Map.of()));

        assertThat(alice.created()).isTrue();
        assertThat(mallory.created()).as("a job of its own, not alice's").isTrue();
        assertThat(mallory.jobId()).isEqualTo("m1");
        assertThat(queue.findIdempotent("alice:k1", "x")).map(Job::id).contains("m1");
        assertThat(queue.findIdempotent("alice", "k1:x")).map(Job::id).contains("a1");
        assertThat(keys.idempotency("alice:k1", "x")).isNotEqualTo(keys.idempotency("alice", "k1:x"));
    }

    @Test
    void aKeyThatNamesAnotherUsersJobIsNoReplayAndIsTakenOverByAFreshJob() {
        queue.enqueue(new NewJob("a1", "alice", null, null, Map.of()));
        // as a key written under the old, ambiguous scheme (or by any other mistake) would
        redis.set(keys.idempotency("mallory", "k"), "a1");

        assertThat(queue.findIdempotent("mallory", "k")).isEmpty();
        var fresh = queue.enqueue(new NewJob("m1", "mallory", null, "k", Map.of()));
        assertThat(fresh.created()).isTrue();
        assertThat(fresh.jobId()).isEqualTo("m1");
        assertThat(queue.findIdempotent("mallory", "k")).map(Job::id).contains("m1");
        assertThat(queue.find("a1").orElseThrow().userId()).isEqualTo("alice");
    }
}

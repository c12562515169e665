package dev.daybook.shared.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The per-user set of names the diary knows, as job-status-api writes it and llm-worker reads it. */
class KnownNamesTest {

    static RedisServerProcess server;
    static RedisClient redis;
    final KnownNames names = new KnownNames(redis, new RedisKeys("known-names-test"));

    @BeforeAll
    static void start() {
        server = RedisServerProcess.start();
        redis = RedisClient.create(server.uri());
    }

    @AfterAll
    static void stop() {
        redis.close();
        server.stop();
    }

    @Test
    void theNamesLiveInOneHashPerUserUnderTheNamespace() {
        names.remember("alice", Map.of("sarah", "Sarah"));

        assertThat(redis.hgetAll("{known-names-test}:names:alice")).isEqualTo(Map.of("sarah", "Sarah"));
    }

    @Test
    void aNoteSpellsTheNamesTheDiaryKnowsAsTheDiaryDoes() {
        names.remember("bob", Map.of("sarah", "Sarah", "lake district", "Lake District"));

        Note note = names.apply("bob", note(List.of("sarah", "Tom"), List.of("the LAKE  district", "Lake District")));

        assertThat(note.people()).containsExactly("Sarah", "Tom");
        // two spellings of one place in the same note are one place, spelled as the diary knows it
        assertThat(note.places()).containsExactly("the LAKE district", "Lake District");
        assertThat(note.title()).isEqualTo("A day");
        assertThat(note.todos()).containsExactly("buy milk");
    }

    @Test
    void oneUsersNamesNeverSpellAnotherUsersNotes() {
        names.remember("carol", Map.of("sarah", "SARAH"));

        assertThat(names.apply("dave", note(List.of("sarah"), List.of())).people()).containsExactly("sarah");
    }

    @Test
    void spellingsOfOneNameInANoteBecomeOne() {
        Note note = names.apply("erin", note(List.of("Sarah", " sarah ", "SARAH"), List.of()));

        assertThat(note.people()).containsExactly("Sarah");
    }

    private static Note note(List<String> people, List<String> places) {
        return new Note("A day", "It was a day.", new Note.Mood("neutral", 0), List.of(), List.of("buy milk"), people,
                places, List.of(), new Note.GeneratedBy("local", "extractive-v2"));
    }
}

package dev.daybook.shared.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class TranscribableLanguagesTest {

    static final RedisServerProcess server = RedisServerProcess.start();
    static final RedisClient redis = RedisClient.create(server.uri());

    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    final TranscribableLanguages languages = new TranscribableLanguages(redis, new RedisKeys("lang-" + UUID.randomUUID()), clock);

    @AfterAll
    static void stop() {
        redis.close();
        server.stop();
    }

    @Test
    void beforeAnyWorkerVouchesEveryLanguageIsAccepted() {
        assertThat(languages.live()).isEmpty();
        assertThat(languages.accepts("tlh")).isTrue();
    }

    @Test
    void onlyLanguagesALiveWorkerVouchesForAreAcceptedByTheirPrimarySubtag() {
        languages.vouch(List.of("en"), Duration.ofSeconds(60));
        languages.vouch(List.of("de"), Duration.ofSeconds(60));

        assertThat(languages.accepts("en-GB")).isTrue();
        assertThat(languages.accepts("DE")).isTrue();
        assertThat(languages.accepts("fr")).isFalse();
        assertThat(languages.accepts(null)).as("no language given: the engine decides").isTrue();
    }

    @Test
    void aWorkerThatStopsVouchingDropsOutWhenItsPromiseRunsOut() {
        languages.vouch(List.of("en"), Duration.ofSeconds(60));
        languages.vouch(List.of(TranscribableLanguages.ANY), Duration.ofSeconds(20));
        assertThat(languages.accepts("ja")).isTrue();

        now = now.plusSeconds(30);
        assertThat(languages.live()).containsExactly("en");
        assertThat(languages.accepts("ja")).isFalse();

        now = now.plusSeconds(31);
        assertThat(languages.live()).isEmpty();
        assertThat(languages.accepts("ja")).as("nobody left: accept and let the queue wait").isTrue();
    }

    @Test
    void anEngineCoversItsOwnLanguagesOrAny() {
        assertThat(TranscribableLanguages.covers(Set.of("en"), "en-US")).isTrue();
        assertThat(TranscribableLanguages.covers(Set.of("en"), "de")).isFalse();
        assertThat(TranscribableLanguages.covers(Set.of(TranscribableLanguages.ANY), "de")).isTrue();
    }
}

package dev.daybook.transcription.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.budget.DailyLedger;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.TimeBudget;
import dev.daybook.transcription.Transcriber;
import dev.daybook.transcription.TranscriptionListener;
import dev.daybook.transcription.TranscriptionMetrics;
import dev.daybook.transcription.TranscriptionRequest;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import dev.daybook.transcription.audio.WavDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote engine first in the chain, Vosk behind it, a real recording through the {@link Transcriber}: the
 * server's {@code Retry-After} decides how long the engine rests (not the chain's cooldown), and each job that
 * Vosk takes meanwhile is counted as a fallback from the remote engine.
 */
class RemoteInTheChainTest {

    static final RedisServerProcess redisServer = RedisServerProcess.start();
    static final UnifiedJedis redis = RedisClient.create(redisServer.uri());

    @TempDir
    Path spool;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MovableClock clock = new MovableClock();
    FakeTranscriptionServer server;

    @AfterEach
    void stopServer() {
        server.close();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisServer.stop();
    }

    @Test
    void aRateLimitedServerRestsForItsRetryAfterWhileVoskTakesTheJobs() throws Exception {
        server = new FakeTranscriptionServer(u -> Recognisers.status(429, Map.of("Retry-After", "120")));
        Transcriber transcriber = transcriber(null);

        Transcript first = transcriber.transcribe(request(), TranscriptionListener.NONE);
        clock.advance(Duration.ofSeconds(61));   // past the 60 s cooldown, not past the 120 s asked for
        Transcript second = transcriber.transcribe(request(), TranscriptionListener.NONE);

        assertThat(List.of(first, second)).extracting(t -> t.engine().name()).containsOnly("vosk");
        assertThat(server.uploads).as("left alone while it asked to be").hasSize(1);
        assertThat(meters.get("daybook.transcription.fallbacks").tag("from", "remote-gpu").tag("to", "vosk")
                .counter().count()).isEqualTo(2);

        server.behaviour = Recognisers::vosk;
        clock.advance(Duration.ofSeconds(60));
        Transcript third = transcriber.transcribe(request(), TranscriptionListener.NONE);
        assertThat(third.engine()).isEqualTo(new Transcript.Engine("remote", "whisper-large-v3"));
        assertThat(third.language()).isEqualTo("en");
        assertThat(third.words()).isNotEmpty().allSatisfy(w -> assertThat(w.confidence()).isNotNull());
    }

    @Test
    void aWorkerThatRequiresTheRemoteEngineWaitsForItInsteadOfFallingBack() throws Exception {
        server = new FakeTranscriptionServer(u -> Recognisers.status(503, Map.of("Retry-After", "30")));
        Transcriber transcriber = transcriber("remote");

        assertThatThrownBy(() -> transcriber.transcribe(request(), TranscriptionListener.NONE))
                .isInstanceOfSatisfying(JobFailure.Transient.class, f -> assertThat(f.code()).isEqualTo("asr_unavailable"));
        assertThat(transcriber.ready()).isFalse();
        clock.advance(Duration.ofSeconds(31));
        assertThat(transcriber.ready()).as("the rest it asked for is over: try again").isTrue();
        assertThat(meters.find("daybook.transcription.fallbacks").counters()).isEmpty();
    }

    private Transcriber transcriber(String required) {
        RedisKeys keys = new RedisKeys("chain-" + UUID.randomUUID());
        RemoteSettings settings = new RemoteSettings("remote-gpu", server.baseUrl(), "", "whisper-large-v3",
                Duration.ofSeconds(2), Duration.ofMinutes(1), 25_000_000, 0.006, 0, Set.of());
        RemoteEngine remote = new RemoteEngine(settings, JsonMapper.builder().build(),
                new DailyLedger(redis, keys::asrUsage, clock), spool);
        EngineChain chain = new EngineChain(List.of(remote, TestAudio.vosk()), Duration.ofSeconds(60), clock, required);
        return new Transcriber(chain, new EnginePolicy("remote-gpu", List.of()), new WavDecoder(),
                new TimeBudget(Duration.ofMinutes(1), 1.0), Duration.ofSeconds(5), new TranscriptionMetrics(meters), clock);
    }

    private static TranscriptionRequest request() {
        return TranscriptionRequest.of(TestAudio.librivox("sense_and_sensibility_01_austen_64kb-0880"));
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-06-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

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
    }
}

package dev.daybook.transcription.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.budget.DailyLedger;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.TestAudio;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.WavDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * The remote engine's real HTTP client against a local server speaking {@code /v1/audio/transcriptions}: real
 * speech (LibriVox) recognised by the fake with Vosk, exact synthetic bursts for the cutting, and every way a
 * server fails — 429 and 503 with Retry-After, 500, a late answer, garbage, a connection dropped mid-body.
 */
class RemoteEngineTest {

    static final RedisServerProcess redisServer = RedisServerProcess.start();
    static final UnifiedJedis redis = RedisClient.create(redisServer.uri());
    static final List<String> CLIPS = List.of("0870", "0880", "0890", "0920", "0930");

    @TempDir
    Path spool;

    final RedisKeys keys = new RedisKeys("remote-" + UUID.randomUUID());
    final DailyLedger ledger = new DailyLedger(redis, keys::asrUsage, Clock.systemUTC());
    FakeTranscriptionServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        redisServer.stop();
    }

    @Test
    void realSpeechComesBackAsTimedWordsWithTheRecognisedLanguageAndSegmentConfidence() throws Exception {
        server = new FakeTranscriptionServer(Recognisers::vosk);
        RemoteEngine engine = engine(settings(25_000_000, Duration.ofMinutes(1)));

        Result r = transcribe(engine, clip("0870"), null);

        String reference = TestAudio.librivoxReferences().get("sense_and_sensibility_01_austen_64kb-0870");
        assertThat(WordErrorRate.of(reference, text(r.words()))).isLessThan(0.15);
        assertThat(r.language()).as("'english' in verbose_json becomes ISO 639-1").isEqualTo("en");
        assertThat(r.words()).allSatisfy(w -> assertThat(w.confidence()).isNotNull().isBetween(0.0, 1.0));
        assertThat(r.words()).extracting(Transcript.Word::startMs).isSorted();
        assertThat(server.uploads).singleElement().satisfies(u -> {
            assertThat(u.field("model")).isEqualTo("whisper-large-v3");
            assertThat(u.field("response_format")).isEqualTo("verbose_json");
            assertThat(u.fields().get("timestamp_granularities[]")).containsExactly("word", "segment");
            assertThat(u.field("language")).as("no hint, no language field").isNull();
            assertThat(u.authorization()).isEqualTo("Bearer sk-test");
        });
    }

    @Test
    void aKnownLanguageIsSentAndReportedWhenTheServerNamesNone() throws Exception {
        server = new FakeTranscriptionServer(u -> Recognisers.verbose("hallo welt", "", 1.0, List.of(),
                List.of(Map.of("word", "hallo", "start", 0.1, "end", 0.4), Map.of("word", "welt", "start", 0.5, "end", 0.9))));
        Result r = transcribe(engine(settings(25_000_000, Duration.ofMinutes(1))), new short[16_000], "de-AT");

        assertThat(server.uploads.getFirst().field("language")).isEqualTo("de-AT");
        assertThat(r.language()).isEqualTo("de");
        assertThat(r.words()).extracting(Transcript.Word::text).containsExactly("hallo", "welt");
        assertThat(r.words()).allSatisfy(w -> assertThat(w.confidence()).as("no segment, no confidence").isNull());
    }

    @Test
    void aRecordingOverTheUploadLimitIsCutAtPausesAndJoinedWithNoWordLostOrDoubled() throws Exception {
        server = new FakeTranscriptionServer(Recognisers::bursts);
        List<Long> burstStartsMs = new ArrayList<>();
        short[] audio = bursts(60, burstStartsMs);
        long limit = 200_000;   // about 6 s of audio per upload, for 60 bursts over ~40 s

        Result r = transcribe(engine(settings(limit, Duration.ofMinutes(1))), audio, null);

        assertThat(server.uploads).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(u -> assertThat(u.file().length).isLessThanOrEqualTo((int) limit));
        assertThat(r.words()).hasSize(60);
        for (int i = 0; i < 60; i++) {
            assertThat(r.words().get(i).startMs()).as("burst %d in recording time", i)
                    .isBetween(burstStartsMs.get(i) - 15, burstStartsMs.get(i) + 15);
        }
    }

    @Test
    void realSpeechCutIntoPiecesReadsAsWellAsInOnePiece() throws Exception {
        server = new FakeTranscriptionServer(Recognisers::vosk);
        short[] audio = concat(CLIPS.stream().map(RemoteEngineTest::clip).toList());
        String reference = String.join(" ", CLIPS.stream()
                .map(c -> TestAudio.librivoxReferences().get("sense_and_sensibility_01_austen_64kb-" + c)).toList());

        Result whole = transcribe(engine(settings(25_000_000, Duration.ofMinutes(1))), audio, null);
        Result cut = transcribe(engine(settings(300_000, Duration.ofMinutes(1))), audio, null);

        assertThat(server.uploads).as("one whole, three or more pieces").hasSizeGreaterThanOrEqualTo(1 + 3);
        assertThat(cut.words()).extracting(Transcript.Word::startMs).isSorted();
        assertThat(WordErrorRate.of(reference, text(cut.words())))
                .isLessThanOrEqualTo(WordErrorRate.of(reference, text(whole.words())) + 0.03);
        assertThat(cut.words().size()).isBetween(whole.words().size() - 2, whole.words().size() + 2);
        assertThat(cut.words().getLast().endMs()).isLessThanOrEqualTo(audio.length / 16);
    }

    @Test
    void rateLimitedAnswersCarryTheirRetryAfter() throws Exception {
        server = new FakeTranscriptionServer(u -> Recognisers.status(429, Map.of("Retry-After", "120")));
        RemoteEngine engine = engine(settings(25_000_000, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> transcribe(engine, new short[16_000], null))
                .isInstanceOfSatisfying(AsrException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(e).hasMessageContaining("HTTP 429");
                });

        server.behaviour = u -> Recognisers.status(503, Map.of("retry-after-ms", "1500"));
        assertThatThrownBy(() -> transcribe(engine, new short[16_000], null))
                .isInstanceOfSatisfying(AsrException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(1500)));
    }

    @Test
    void aServerErrorIsAnEngineFailureWithNoWaitNamed() throws Exception {
        server = new FakeTranscriptionServer(u -> Recognisers.status(500, Map.of("Retry-After", "30")));
        assertThatThrownBy(() -> transcribe(engine(settings(25_000_000, Duration.ofMinutes(1))), new short[16_000], null))
                .isInstanceOfSatisfying(AsrException.class, e -> {
                    assertThat(e).hasMessageContaining("HTTP 500");
                    assertThat(e.retryAfter()).as("Retry-After counts on 429 and 503 only").isEmpty();
                });
    }

    @Test
    void aServerTooSlowToAnswerTimesOut() throws Exception {
        server = new FakeTranscriptionServer(u -> new FakeTranscriptionServer.Answer.Late(5_000, Recognisers.bursts(u)));
        assertThatThrownBy(() -> transcribe(engine(settings(25_000_000, Duration.ofMillis(300))), new short[16_000], null))
                .isInstanceOf(AsrException.class).hasMessageContaining("no answer within");
    }

    @Test
    void anAnswerThatIsNotVerboseJsonFails() throws Exception {
        server = new FakeTranscriptionServer(u -> new FakeTranscriptionServer.Answer.Json(200, "{\"text\": \"he was", Map.of()));
        assertThatThrownBy(() -> transcribe(engine(settings(25_000_000, Duration.ofMinutes(1))), new short[16_000], null))
                .isInstanceOf(AsrException.class).hasMessageContaining("not verbose_json");
    }

    @Test
    void aConnectionDroppedHalfWayThroughTheAnswerFails() throws Exception {
        server = new FakeTranscriptionServer(u -> new FakeTranscriptionServer.Answer.Dropped());
        assertThatThrownBy(() -> transcribe(engine(settings(25_000_000, Duration.ofMinutes(1))), new short[16_000], null))
                .isInstanceOf(AsrException.class).hasMessageContaining("connection failed");
    }

    @Test
    void everyMinuteSentIsPricedInTheDailyLedgerAndASpentBudgetRefusesTheNextRecording() throws Exception {
        server = new FakeTranscriptionServer(Recognisers::bursts);
        RemoteSettings priced = new RemoteSettings("remote-gpu", server.baseUrl(), "", "whisper-1", Duration.ofSeconds(2),
                Duration.ofMinutes(1), 25_000_000, 0.006, 0.0005, Set.of());
        RemoteEngine engine = new RemoteEngine(priced, JsonMapper.builder().build(), ledger, spool);

        transcribe(engine, new short[16_000 * 30], null);   // half a minute: 0.003 USD, past the 0.0005 budget

        assertThat(ledger.counters()).containsEntry("remote-gpu:audio_ms", "30000")
                .containsEntry("remote-gpu:cost_micros", "3000").containsEntry("total:cost_micros", "3000");
        assertThatThrownBy(() -> engine.open(null)).isInstanceOf(AsrException.class).hasMessageContaining("budget");
        assertThat(server.uploads).hasSize(1);
    }

    private RemoteSettings settings(long maxUpload, Duration readTimeout) {
        return new RemoteSettings("remote-gpu", server.baseUrl(), "sk-test", "whisper-large-v3", Duration.ofSeconds(2),
                readTimeout, maxUpload, 0, 0, Set.of());
    }

    private RemoteEngine engine(RemoteSettings settings) {
        return new RemoteEngine(settings, JsonMapper.builder().build(), ledger, spool);
    }

    record Result(List<Transcript.Segment> segments, List<Transcript.Word> words, String language) {
    }

    /** Feeds the samples in half-second blocks, as the Transcriber does. */
    static Result transcribe(RemoteEngine engine, short[] samples, String hint) throws AsrException {
        try (AsrSession session = engine.open(hint)) {
            short[] block = new short[8000];
            for (int at = 0; at < samples.length; at += block.length) {
                int n = Math.min(block.length, samples.length - at);
                System.arraycopy(samples, at, block, 0, n);
                session.accept(block, n);
            }
            List<Transcript.Segment> segments = session.finish();
            return new Result(segments, session.words(), session.language());
        }
    }

    static String text(List<Transcript.Word> words) {
        return String.join(" ", words.stream().map(Transcript.Word::text).toList());
    }

    static short[] clip(String id) {
        try (PcmInput pcm = new WavDecoder().open(TestAudio.librivox("sense_and_sensibility_01_austen_64kb-" + id))) {
            List<short[]> blocks = new ArrayList<>();
            short[] block = new short[8000];
            for (int n; (n = pcm.read(block)) > 0; ) {
                blocks.add(java.util.Arrays.copyOf(block, n));
            }
            return concat(blocks);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static short[] concat(List<short[]> parts) {
        short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** {@code count} tone bursts of 250–450 ms with pauses of 150–350 ms between them, over a faint hiss. */
    static short[] bursts(int count, List<Long> startsMs) {
        java.util.Random random = new java.util.Random(7);
        List<short[]> parts = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < count; i++) {
            int pause = 16 * (150 + random.nextInt(200));
            int tone = 16 * (250 + random.nextInt(200));
            short[] p = new short[pause + tone];
            for (int j = 0; j < p.length; j++) {
                double hiss = random.nextGaussian() * 30;
                double signal = j >= pause ? 8000 * Math.sin(2 * Math.PI * 440 * (j - pause) / 16_000.0) : 0;
                p[j] = (short) (hiss + signal);
            }
            startsMs.add((at + pause) / 16);
            at += p.length;
            parts.add(p);
        }
        parts.add(new short[16 * 300]);
        return concat(parts);
    }
}

package dev.daybook.transcription.remote;

import dev.daybook.shared.budget.DailyLedger;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.RedisServerProcess;
import dev.daybook.transcription.asr.AsrSession;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What going remote adds to a one-minute entry when the server itself costs nothing: a local
 * {@code /v1/audio/transcriptions} that answers at once with a fixed verbose_json of a minute's words. Timed
 * per entry: spooling the PCM as it is fed (0.5 s blocks, as the worker feeds), WAV encoding, the multipart
 * upload over loopback, parsing and joining, and the daily-ledger write in Redis — once in one piece, once cut
 * into pieces at pauses (a 1 MB upload limit). Goal: under 5 % of the audio's duration (3 s of a minute).
 * Real audio: the LibriVox clips, repeated to one minute. Warm-up rounds first; median and worst of the rest.
 */
public final class RemoteOverheadBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.remote-rounds", 20);
        short[] minute = minuteOfSpeech();
        FakeTranscriptionServer.Answer answer = fixedAnswer();
        try (RedisServerProcess redisServer = RedisServerProcess.start();
             RedisClient redis = RedisClient.create(redisServer.uri());
             FakeTranscriptionServer server = new FakeTranscriptionServer(u -> answer)) {
            Path spool = Files.createTempDirectory("daybook-remote-bench");
            DailyLedger ledger = new DailyLedger(redis, new RedisKeys("bench")::asrUsage, Clock.systemUTC());
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "- Date: %s; machine: %s, %d cores visible to the JVM; JVM %s%n",
                    LocalDateTime.now().withNano(0), System.getProperty("os.arch") + " " + cpuModel(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
            md.append(String.format(Locale.ROOT, "- Audio: %.1f s of LibriVox speech, 16 kHz mono; %d warm-up + %d measured rounds each%n%n",
                    minute.length / 16_000.0, rounds / 2, rounds));
            md.append("| upload | pieces | median added wall time | worst | median, share of the audio |\n|---|---|---|---|---|\n");
            for (long limit : List.of(25_000_000L, 1_000_000L)) {
                RemoteSettings settings = new RemoteSettings("remote-bench", server.baseUrl(), "sk-bench", "whisper-1",
                        Duration.ofSeconds(2), Duration.ofMinutes(1), limit, 0.006, 0, Set.of());
                RemoteEngine engine = new RemoteEngine(settings, JsonMapper.builder().build(), ledger, spool);
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < rounds / 2 + rounds; i++) {
                    long t0 = System.nanoTime();
                    transcribe(engine, minute);
                    if (i >= rounds / 2) {
                        nanos.add(System.nanoTime() - t0);
                    }
                    server.uploads.clear();
                }
                transcribe(engine, minute);
                int pieces = server.uploads.size();
                server.uploads.clear();
                Collections.sort(nanos);
                double median = nanos.get(nanos.size() / 2) / 1e6;
                double worst = nanos.getLast() / 1e6;
                md.append(String.format(Locale.ROOT, "| ≤ %,d bytes | %d | %.1f ms | %.1f ms | %.2f %% |%n",
                        limit, pieces, median, worst, 100 * median / (minute.length / 16.0)));
            }
            System.out.println(md);
        }
    }

    private static void transcribe(RemoteEngine engine, short[] samples) throws Exception {
        try (AsrSession session = engine.open(null)) {
            short[] block = new short[8000];
            for (int at = 0; at < samples.length; at += block.length) {
                int n = Math.min(block.length, samples.length - at);
                System.arraycopy(samples, at, block, 0, n);
                session.accept(block, n);
            }
            session.finish();
            if (session.words().isEmpty()) {
                throw new IllegalStateException("no words came back");
            }
        }
    }

    private static short[] minuteOfSpeech() {
        List<short[]> parts = new ArrayList<>();
        int total = 0;
        while (total < 60 * 16_000) {
            for (String id : RemoteEngineTest.CLIPS) {
                short[] clip = RemoteEngineTest.clip(id);
                parts.add(clip);
                total += clip.length;
            }
        }
        short[] all = RemoteEngineTest.concat(parts);
        return java.util.Arrays.copyOf(all, 60 * 16_000);
    }

    /** 160 words over the minute in 16 segments, the size of a real answer. */
    private static FakeTranscriptionServer.Answer fixedAnswer() {
        List<Map<String, Object>> words = new ArrayList<>();
        List<Map<String, Object>> segments = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            words.add(Map.of("word", "word" + i, "start", i * 0.375, "end", i * 0.375 + 0.3));
        }
        for (int s = 0; s < 16; s++) {
            segments.add(Recognisers.segment(s, s * 3.75, s * 3.75 + 3.7, "ten words of a segment", -0.2, 0.01));
        }
        return Recognisers.verbose("a minute of words", "english", 60.0, segments, words);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
        } catch (java.io.IOException e) {
            return ManagementFactory.getOperatingSystemMXBean().getName();
        }
    }
}

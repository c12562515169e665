package dev.daybook.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.transcription.audio.AudioDecoder;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TranscribeHandlerTest {

    @TempDir
    Path dir;

    final JsonMapper json = JsonMapper.builder().build();
    final List<Double> progress = new ArrayList<>();

    @Test
    void storesTheTranscriptInTheContractShapeAndReportsProgress() throws Exception {
        TieredStorage storage = TieredStorage.local(dir.resolve("storage"));
        storage.hot().put(TieredStorage.jobKey("j1", "audio"), new ByteArrayInputStream(new byte[] {1, 2, 3}));
        TranscribeHandler handler = handler(storage);

        StageResult result = handler.handle(context(Map.of(JobFields.AUDIO_KEY, TieredStorage.jobKey("j1", "audio"),
                JobFields.AUDIO_REPORT, "{\"duration_s\": 120.0, \"channels\": 2}")));

        assertThat(result.fields()).containsExactly(Map.entry(JobFields.TRANSCRIPT_KEY, "jobs/j1/transcript.json"));
        JsonNode stored = json.readTree(storage.open("jobs/j1/transcript.json").orElseThrow().readAllBytes());
        assertThat(stored.propertyNames()).containsExactly("text", "language", "duration_s", "segments", "words", "engine");
        assertThat(stored.path("segments").get(0).propertyNames()).containsExactly("start_s", "end_s", "text", "confidence");
        assertThat(stored.path("engine").path("name").asString()).isEqualTo("fake");
        assertThat(stored.path("duration_s").asDouble()).isEqualTo(120.0);
        assertThat(new String(storage.open("jobs/j1/transcript.txt").orElseThrow().readAllBytes())).as("punctuation restored").isEqualTo("Word x120.\n");
        assertThat(progress).containsExactly(0.25, 0.5, 0.75, 0.99, 1.0);
        assertThat(Files.list(dir.resolve("work"))).as("the local copy is removed").isEmpty();
    }

    @Test
    void aJobWhoseRecordingIsGoneFailsPermanently() {
        TranscribeHandler handler = handler(TieredStorage.local(dir.resolve("storage")));
        assertThatThrownBy(() -> handler.handle(context(Map.of(JobFields.AUDIO_KEY, "jobs/j1/audio"))))
                .isInstanceOfSatisfying(JobFailure.Permanent.class, f -> assertThat(f.code()).isEqualTo("audio_missing"));
    }

    @Test
    void theRecordingDecodedAtIngestionIsReadInsteadOfTheOriginal() throws Exception {
        TieredStorage storage = TieredStorage.local(dir.resolve("storage"));
        storage.hot().put("jobs/j1/audio", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        storage.hot().put("jobs/j1/pcm-16k.wav", new ByteArrayInputStream(new byte[] {9, 9}));
        List<byte[]> opened = new ArrayList<>();

        handler(storage, recording(opened)).handle(context(Map.of(JobFields.AUDIO_KEY, "jobs/j1/audio",
                JobFields.DECODED_AUDIO_KEY, "jobs/j1/pcm-16k.wav")));

        assertThat(opened).containsExactly(new byte[] {9, 9});
    }

    @Test
    void withoutItsDecodedCopyTheOriginalIsRead() throws Exception {
        TieredStorage storage = TieredStorage.local(dir.resolve("storage"));
        storage.hot().put("jobs/j1/audio", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        List<byte[]> opened = new ArrayList<>();

        handler(storage, recording(opened)).handle(context(Map.of(JobFields.AUDIO_KEY, "jobs/j1/audio",
                JobFields.DECODED_AUDIO_KEY, "jobs/j1/pcm-16k.wav")));

        assertThat(opened).containsExactly(new byte[] {1, 2, 3});
    }

    @Test
    void anAbEntryIsHandedToTheSecondEngineOnlyOnceItsTranscriptIsStoredAndWithItsOwnCopyOfTheAudio() throws Exception {
        TieredStorage storage = TieredStorage.local(dir.resolve("storage"));
        storage.hot().put("jobs/j1/audio", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Clock clock = Clock.systemUTC();
        FakeEngine second = new FakeEngine("whisper-base");
        Transcriber transcriber = new Transcriber(new EngineChain(List.of(new FakeEngine("vosk"), second), Duration.ofMinutes(1), clock),
                new EnginePolicy("vosk", List.of()), new SyntheticDecoder(20, false), new TimeBudget(Duration.ofMinutes(1), 1),
                Duration.ofSeconds(30), Duration.ZERO, new TranscriptionMetrics(new SimpleMeterRegistry()), clock,
                new SecondOpinion(1, "whisper-base", () -> 0));
        SecondOpinions followUps = new SecondOpinions(transcriber, new TranscriptionMetrics(new SimpleMeterRegistry()),
                dir.resolve("work"), 4);

        new TranscribeHandler(storage, transcriber, json, dir.resolve("work"), followUps)
                .handle(context(Map.of(JobFields.AUDIO_KEY, "jobs/j1/audio")));

        assertThat(storage.open("jobs/j1/transcript.json")).isPresent();
        assertThat(second.sessions).isZero();
        assertThat(followUps.waiting()).isEqualTo(1);
        assertThat(Files.list(dir.resolve("work"))).as("only the follow-up's copy").singleElement()
                .satisfies(f -> assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3));
        followUps.runOnce();
        assertThat(second.sessions).isEqualTo(1);
        assertThat(Files.list(dir.resolve("work"))).isEmpty();
    }

    /** Synthetic audio, noting the bytes of each file it was asked to decode. */
    private static AudioDecoder recording(List<byte[]> opened) {
        SyntheticDecoder synthetic = new SyntheticDecoder(10, false);
        return file -> {
            opened.add(Files.readAllBytes(file));
            return synthetic.open(file);
        };
    }

    private TranscribeHandler handler(TieredStorage storage) {
        return handler(storage, new SyntheticDecoder(120, false));
    }

    private TranscribeHandler handler(TieredStorage storage, AudioDecoder decoder) {
        Clock clock = Clock.systemUTC();
        Transcriber transcriber = new Transcriber(new EngineChain(List.of(new FakeEngine("vosk")), Duration.ofMinutes(1), clock),
                new EnginePolicy("vosk", List.of()), decoder, new TimeBudget(Duration.ofMinutes(1), 1),
                Duration.ofSeconds(30), new TranscriptionMetrics(new SimpleMeterRegistry()), clock);
        return new TranscribeHandler(storage, transcriber, json, dir.resolve("work"));
    }

    private JobContext context(Map<String, String> fields) {
        Map<String, String> hash = new HashMap<>(fields);
        hash.put(JobFields.ID, "j1");
        hash.put(JobFields.USER, "alice");
        hash.put(JobFields.STATUS, "transcribing");
        hash.put(JobFields.PRIORITY, "normal");
        Job job = Job.fromHash(hash);
        return new JobContext() {
            @Override
            public Job job() {
                return job;
            }

            @Override
            public String stage() {
                return "transcribe";
            }

            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public void progress(double fraction) {
                progress.add(fraction);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}

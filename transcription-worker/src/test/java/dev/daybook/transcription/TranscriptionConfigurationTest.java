package dev.daybook.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import dev.daybook.transcription.vosk.VoskDecoderSettings;
import dev.daybook.transcription.vosk.VoskEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

class TranscriptionConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TranscriptionConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            // no server behind it: these tests build beans; the language publisher's first round fails and is logged
            .withBean(redis.clients.jedis.UnifiedJedis.class, () -> redis.clients.jedis.RedisClient.create("redis://127.0.0.1:1"))
            .withBean(dev.daybook.shared.queue.RedisKeys.class, () -> new dev.daybook.shared.queue.RedisKeys("daybook"))
            .withBean(dev.daybook.shared.transcript.TranscribableLanguages.class, () -> new dev.daybook.shared.transcript.TranscribableLanguages(
                    redis.clients.jedis.RedisClient.create("redis://127.0.0.1:1"), new dev.daybook.shared.queue.RedisKeys("daybook"), Clock.systemUTC()))
            .withBean(TieredStorage.class, () -> TieredStorage.local(Path.of("target/config-test-storage")));

    @Test
    void bindsEnginesInOrderAndThePolicyRules() {
        runner.withPropertyValues(
                        "daybook.transcription.engines=whisper-base,vosk",
                        "daybook.transcription.whisper.base.model=/models/ggml-base.en.bin",
                        "daybook.transcription.whisper.base.threads=3",
                        "daybook.transcription.rules[0].priority=low",
                        "daybook.transcription.rules[0].min-duration=20m",
                        "daybook.transcription.rules[0].engine=vosk")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EngineChain.class).all()).extracting(AsrEngine::id)
                            .containsExactly("whisper-base", "vosk");
                    assertThat(context.getBean(EngineChain.class).primary().model()).isEqualTo("ggml-base.en");
                    EnginePolicy policy = context.getBean(EnginePolicy.class);
                    assertThat(policy.choose(Priority.LOW, Duration.ofHours(1))).isEqualTo("vosk");
                    assertThat(policy.choose(Priority.LOW, Duration.ofMinutes(5))).isEqualTo("whisper-base");
                    assertThat(policy.choose(Priority.HIGH, Duration.ofHours(1))).isEqualTo("whisper-base");
                });
    }

    @Test
    void aRemoteEngineIsBuiltFromItsSettingsAndARequiredEngineMustBeInTheLineup() {
        runner.withPropertyValues(
                        "daybook.transcription.engines=remote-gpu,vosk",
                        "daybook.transcription.remote.gpu.base-url=http://gpu-pool:8000/v1",
                        "daybook.transcription.remote.gpu.model=Systran/faster-whisper-large-v3",
                        "daybook.transcription.remote.gpu.languages=en,de",
                        "daybook.transcription.required-engine=remote")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EngineChain chain = context.getBean(EngineChain.class);
                    assertThat(chain.primary().id()).isEqualTo("remote-gpu");
                    assertThat(chain.primary().model()).isEqualTo("Systran/faster-whisper-large-v3");
                    assertThat(chain.languages()).as("only the required engine's").containsExactlyInAnyOrder("en", "de");
                });
        runner.withPropertyValues("daybook.transcription.required-engine=whisper")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("daybook.transcription.engines=remote-nowhere")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theBundledModelDecodesWithTheMeasuredSearchAndAnOperatorsModelWithItsOwnConfUnlessOptionsAreSet() {
        runner.run(context -> assertThat(vosk(context).decoder()).isEqualTo(VoskEngine.BUNDLED_DECODER));
        runner.withPropertyValues("daybook.transcription.vosk.decoder.max-active=900").run(context ->
                assertThat(vosk(context).decoder()).isEqualTo(new VoskDecoderSettings(VoskEngine.BUNDLED_DECODER.beam(),
                        900, VoskEngine.BUNDLED_DECODER.latticeBeam(), VoskEngine.BUNDLED_DECODER.minActive())));
        runner.withPropertyValues("daybook.transcription.vosk.model-archive=/models/other.aar",
                        "daybook.transcription.vosk.decoder.beam=12.5")
                .run(context -> assertThat(vosk(context).decoder()).isEqualTo(new VoskDecoderSettings(12.5, null, null, null)));
        runner.withPropertyValues("daybook.transcription.vosk.decoder.beam=0")
                .run(context -> assertThat(context).hasFailed());
    }

    private static VoskEngine vosk(org.springframework.context.ApplicationContext context) {
        return (VoskEngine) context.getBean(EngineChain.class).all().stream().filter(e -> e.id().equals("vosk"))
                .findFirst().orElseThrow();
    }

    @Test
    void aWhisperModelInTheCacheIsPreferredAndVoskStaysTheFallback(@org.junit.jupiter.api.io.TempDir Path cache) throws Exception {
        java.nio.file.Files.createDirectories(cache.resolve("whisper"));
        dev.daybook.transcription.whisper.TinyWhisperModel.write(cache.resolve("whisper/ggml-base.en.bin"));
        runner.withPropertyValues("daybook.transcription.model-cache=" + cache).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EngineChain.class).all()).extracting(AsrEngine::id).containsExactly("whisper-base.en", "vosk");
            assertThat(context.getBean(EnginePolicy.class).choose(Priority.NORMAL, null)).isEqualTo("whisper-base.en");
        });
        runner.withPropertyValues("daybook.transcription.model-cache=" + cache, "daybook.transcription.cached-whisper=false")
                .run(context -> assertThat(context.getBean(EngineChain.class).all()).extracting(AsrEngine::id).containsExactly("vosk"));
    }

    @Test
    void anUnknownEngineStopsStartupWithAClearMessage() {
        runner.withPropertyValues("daybook.transcription.engines=whisper-large,vosk").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("unknown ASR engine 'whisper-large'"));
    }

    @Test
    void aRuleForAnEngineOutsideTheChainStopsStartup() {
        runner.withPropertyValues("daybook.transcription.rules[0].engine=whisper-base").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("not in daybook.transcription.engines"));
    }
}

package dev.daybook.transcription;

import dev.daybook.shared.audio.DecodeLimits;
import dev.daybook.shared.budget.DailyLedger;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.transcription.remote.RemoteEngine;
import dev.daybook.transcription.remote.RemoteSettings;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import dev.daybook.transcription.audio.AudioDecoder;
import dev.daybook.transcription.audio.FfmpegDecoder;
import dev.daybook.transcription.audio.PassThroughDecoder;
import dev.daybook.transcription.vosk.VoskDecoderSettings;
import dev.daybook.transcription.vosk.VoskEngine;
import dev.daybook.transcription.vosk.VoskModelCache;
import dev.daybook.transcription.whisper.WhisperEngine;
import dev.daybook.transcription.whisper.WhisperSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Builds the engines named in configuration, the chain and policy around them, and the stage handler. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TranscriptionProperties.class)
class TranscriptionConfiguration {

    static final String BUNDLED_VOSK_MODEL = "/models/vosk-model-en.aar";

    @Bean
    EngineLineup engineLineup(TranscriptionProperties properties) {
        return EngineLineup.of(properties);
    }

    @Bean(destroyMethod = "close")
    EngineChain engineChain(TranscriptionProperties properties, EngineLineup lineup, Clock clock,
                            @Value("${daybook.worker.concurrency:2}") int concurrency, UnifiedJedis redis,
                            RedisKeys keys, JsonMapper json) {
        DailyLedger ledger = new DailyLedger(redis, keys::asrUsage, clock);
        List<AsrEngine> engines = lineup.ids().stream()
                .map(id -> id.startsWith("remote-") ? remote(id, properties, json, ledger)
                        : engine(id, properties, lineup, concurrency)).toList();
        return new EngineChain(engines, properties.engineCooldown(), clock, properties.requiredEngine());
    }

    @Bean
    LanguagePublisher languagePublisher(EngineChain chain, TranscribableLanguages languages,
                                        TranscriptionProperties properties) {
        return new LanguagePublisher(languages, chain, properties.languagesTtl());
    }

    @Bean
    EnginePolicy enginePolicy(TranscriptionProperties properties, EngineLineup lineup) {
        List<EnginePolicy.Rule> rules = properties.rules().stream()
                .map(r -> new EnginePolicy.Rule(r.priority(), r.minDuration(), r.maxDuration(), r.engine())).toList();
        rules.stream().filter(r -> !properties.engines().contains(r.engine())).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("policy rule names engine '" + r.engine()
                    + "' which is not in daybook.transcription.engines " + properties.engines());
        });
        return new EnginePolicy(lineup.ids().getFirst(), rules);
    }

    /**
     * ffmpeg paced by the engine: its wall-time limit is the budget of the longest recording the output
     * limit admits (4.5 h), since our own per-job budget, checked every chunk, ends a slow job sooner. Only
     * what is not already 16 kHz mono PCM WAV (ingestion's decoded copy is) reaches ffmpeg.
     */
    @Bean
    AudioDecoder audioDecoder(TranscriptionProperties properties) {
        long maxBytes = DecodeLimits.DEFAULT.maxOutputBytes();
        TimeBudget budget = new TimeBudget(properties.budgetGrace(), properties.budgetFactor());
        return new PassThroughDecoder(new FfmpegDecoder(new DecodeLimits(budget.allowedFor(maxBytes / 32_000.0), maxBytes)));
    }

    @Bean
    TranscriptionMetrics transcriptionMetrics(MeterRegistry registry, EngineChain chain) {
        TranscriptionMetrics metrics = new TranscriptionMetrics(registry);
        chain.required().ifPresent(required -> metrics.watchRequiredEngine(required, chain::requiredBroken));
        return metrics;
    }

    @Bean
    Transcriber transcriber(EngineChain chain, EnginePolicy policy, AudioDecoder decoder,
                            TranscriptionProperties properties, TranscriptionMetrics metrics, Clock clock) {
        return new Transcriber(chain, policy, decoder, new TimeBudget(properties.budgetGrace(), properties.budgetFactor()),
                properties.chunk(), properties.progressInterval(), metrics, clock, SecondOpinion.of(properties.ab().share(), properties.ab().engine()));
    }

    @Bean
    SecondOpinions secondOpinions(Transcriber transcriber, TranscriptionMetrics metrics, TranscriptionProperties properties) {
        return new SecondOpinions(transcriber, metrics, properties.workDir(), properties.ab().maxWaiting());
    }

    @Bean
    TranscribeHandler transcribeHandler(TieredStorage storage, Transcriber transcriber, JsonMapper json,
                                        TranscriptionProperties properties, SecondOpinions secondOpinions) {
        return new TranscribeHandler(storage, transcriber, json, properties.workDir(), secondOpinions);
    }

    @Bean("asr")
    AsrHealthIndicator asrHealthIndicator(EngineChain chain, TranscriptionProperties properties, Clock clock) {
        return new AsrHealthIndicator(chain, properties.health().interval(), properties.health().maxWer(), clock);
    }

    /** Transcribes the known clip once at startup: loads the models and benches a broken engine before any job. */
    @Bean
    ApplicationRunner asrWarmUp(AsrHealthIndicator health) {
        return args -> health.health();
    }

    private static AsrEngine engine(String id, TranscriptionProperties p, EngineLineup lineup, int concurrency) {
        if (id.equals("vosk")) {
            TranscriptionProperties.Vosk v = p.vosk();
            TranscriptionProperties.VoskDecoder d = v.decoder();
            VoskDecoderSettings decoder = new VoskDecoderSettings(d.beam(), d.maxActive(), d.latticeBeam(), d.minActive())
                    .orElse(v.modelArchive() == null ? VoskEngine.BUNDLED_DECODER : VoskDecoderSettings.MODEL_CONF);
            return new VoskEngine(new VoskModelCache(p.modelCache(), v.modelName(), archive(v.modelArchive())),
                    v.modelName(), v.language(), decoder, v.partialInterval());
        }
        int defaultThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, concurrency));
        if (lineup.cachedModels().containsKey(id)) {
            Path file = lineup.cachedModels().get(id);
            return new WhisperEngine(new WhisperSettings(id, file, null, "auto", false, defaultThreads, 30,
                    WhisperSettings.DEFAULT_NO_SPEECH_THRESHOLD));
        }
        if (id.startsWith("whisper-") && p.whisper().containsKey(id.substring("whisper-".length()))) {
            TranscriptionProperties.Whisper w = p.whisper().get(id.substring("whisper-".length()));
            int threads = w.threads() > 0 ? w.threads() : defaultThreads;
            return new WhisperEngine(new WhisperSettings(id, w.model(), w.modelName(), w.language(), w.useGpu(),
                    threads, w.windowSeconds(), w.noSpeechThreshold()));
        }
        throw new IllegalArgumentException("unknown ASR engine '" + id + "': use vosk or whisper-<name> with "
                + "daybook.transcription.whisper.<name>.model set; configured whisper models: " + p.whisper().keySet());
    }

    private static AsrEngine remote(String id, TranscriptionProperties p, JsonMapper json, DailyLedger ledger) {
        TranscriptionProperties.Remote r = p.remote().get(id.substring("remote-".length()));
        if (r == null) {
            throw new IllegalArgumentException("unknown ASR engine '" + id + "': set daybook.transcription.remote."
                    + id.substring("remote-".length()) + ".base-url and .model; configured remote engines: " + p.remote().keySet());
        }
        RemoteSettings settings = new RemoteSettings(id, r.baseUrl(), r.apiKey(), r.model(), r.connectTimeout(),
                r.readTimeout(), r.maxUploadBytes(), r.usdPerMinute(), r.dailyBudgetUsd(),
                r.languages() == null ? null : Set.copyOf(r.languages()));
        return new RemoteEngine(settings, json, ledger, p.workDir());
    }

    private static Supplier<InputStream> archive(Path file) {
        return () -> {
            try {
                if (file != null) {
                    return Files.newInputStream(file);
                }
                InputStream in = TranscriptionConfiguration.class.getResourceAsStream(BUNDLED_VOSK_MODEL);
                if (in == null) {
                    throw new IOException("the bundled Vosk model " + BUNDLED_VOSK_MODEL + " is missing from the classpath");
                }
                return in;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}

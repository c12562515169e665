package dev.daybook.transcription;

import dev.daybook.shared.jobs.Priority;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transcription worker ({@code daybook.transcription.*}). The defaults run Vosk offline on
 * the CPU with nothing to configure.
 *
 * @param engines        engine ids in fallback order; the first is the default ({@code vosk},
 *                       {@code whisper-<name>} for each entry of {@code whisper})
 * @param modelCache     where the Vosk model is unpacked (once per machine) and {@code make models} puts Whisper models
 * @param cachedWhisper  put Whisper models found in the model cache ahead of {@code engines} (see {@link EngineLineup})
 * @param workDir        where a job's recording is copied while it is transcribed
 * @param vosk           the Vosk engine
 * @param whisper        Whisper engines by name, each with its own model file
 * @param rules          per-job engine choice by priority and duration; the first match wins
 * @param budgetGrace    fixed part of a job's time budget
 * @param budgetFactor   seconds allowed per second of audio on top of the grace
 * @param chunk          audio between cancellation and budget checks
 * @param progressInterval the least time between two progress reports (with the words recognised since) of one
 *                       job; each is an event for the recorder, long polls, feeds and webhooks, and Vosk finishes
 *                       a chunk several times a second; 0 reports at every chunk
 * @param engineCooldown how long a failed engine is skipped before it is tried again
 * @param health         the known-clip health check
 * @param ab             engine A/B: a share of entries also transcribed by a second engine ({@link SecondOpinion})
 * @param remote         remote engines by name ({@code remote-<name>}): servers speaking {@code POST /v1/audio/transcriptions}
 * @param requiredEngine an engine id or family ({@code whisper}, {@code remote}) this worker must run on: it never
 *                       falls back to another, and while that engine is broken it fetches no jobs and is not
 *                       ready; empty (default) falls back down the chain
 * @param languagesTtl   how long this worker's published languages hold; it renews them at a third of that
 */
@ConfigurationProperties("daybook.transcription")
public record TranscriptionProperties(
        @DefaultValue("vosk") List<String> engines,
        @DefaultValue(".daybook/models") Path modelCache,
        @DefaultValue("true") boolean cachedWhisper,
        @DefaultValue(".daybook/work") Path workDir,
        @DefaultValue Vosk vosk,
        Map<String, Whisper> whisper,
        List<Rule> rules,
        @DefaultValue("60s") Duration budgetGrace,
        @DefaultValue("1.0") double budgetFactor,
        @DefaultValue("5s") Duration chunk,
        @DefaultValue("1s") Duration progressInterval,
        @DefaultValue("60s") Duration engineCooldown,
        @DefaultValue Health health,
        @DefaultValue Ab ab,
        Map<String, Remote> remote,
        String requiredEngine,
        @DefaultValue("60s") Duration languagesTtl) {

    public TranscriptionProperties {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("daybook.transcription.engines must name at least one engine");
        }
        whisper = whisper == null ? Map.of() : Map.copyOf(whisper);
        rules = rules == null ? List.of() : List.copyOf(rules);
        remote = remote == null ? Map.of() : Map.copyOf(remote);
        requiredEngine = requiredEngine == null || requiredEngine.isBlank() ? null : requiredEngine.strip();
        if (chunk.isNegative() || chunk.isZero()) {
            throw new IllegalArgumentException("daybook.transcription.chunk must be positive");
        }
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("daybook.transcription.progress-interval must not be negative");
        }
    }

    /**
     * @param modelArchive the model aar to unpack; empty for the one bundled with the worker
     * @param modelName    name of the unpacked directory and of the model in transcripts
     * @param language     the language of the model, reported in transcripts
     * @param decoder      the Kaldi decoder search, in place of the model's {@code conf/model.conf}
     * @param partialInterval the least audio between two reads of the partial hypothesis (live words of an
     *                     utterance still in progress); reading it every 0.5 s cost about a tenth more CPU
     */
    public record Vosk(Path modelArchive, @DefaultValue("vosk-model-en-0.3.45") String modelName,
                       @DefaultValue("en") String language, @DefaultValue VoskDecoder decoder,
                       @DefaultValue("2s") Duration partialInterval) {

        public Vosk {
            if (partialInterval.isNegative()) {
                throw new IllegalArgumentException("daybook.transcription.vosk.partial-interval must not be negative");
            }
        }
    }

    /**
     * Kaldi's beam search in Vosk (see {@code VoskDecoderSettings}); an option left unset keeps the default: for
     * the bundled model the settings docs/benchmarks-transcription.md chose ({@code VoskEngine.BUNDLED_DECODER}),
     * for a model of your own ({@code model-archive}) what its {@code conf/model.conf} says.
     *
     * @param beam        decoding beam
     * @param maxActive   most active states per frame
     * @param latticeBeam lattice pruning beam (word times and confidences come from the lattice)
     * @param minActive   fewest active states per frame
     */
    public record VoskDecoder(Double beam, Integer maxActive, Double latticeBeam, Integer minActive) {
    }

    /**
     * @param model         the ggml model file (operator-provided, or from {@code make models} into the cache)
     * @param modelName     reported model name; default: the file name
     * @param language      {@code auto} or an ISO 639-1 code used when the job gives none
     * @param useGpu        use the GPU (needs a CUDA build of the natives, see the README)
     * @param threads       CPU threads per decode; 0 for all cores divided by the worker concurrency
     * @param windowSeconds the longest window decoded per call, at most 30 (Whisper's context): a full one is
     *                      decoded up to the quietest pause in its last third, the rest starts the next
     * @param noSpeechThreshold a window whose no-speech probability (whisper.cpp's {@code <|nospeech|>} token
     *                      after start-of-transcript) is above this is dropped as silence; 1 keeps everything
     */
    public record Whisper(Path model, String modelName, @DefaultValue("auto") String language,
                          @DefaultValue("false") boolean useGpu, @DefaultValue("0") int threads,
                          @DefaultValue("30") int windowSeconds, @DefaultValue("0.6") double noSpeechThreshold) {
    }

    /**
     * A server speaking the OpenAI-compatible {@code POST /v1/audio/transcriptions}, as the LLM providers are
     * configured: URL, key (from the environment), model, timeouts, price and budget.
     *
     * @param baseUrl        up to and including {@code /v1}
     * @param apiKey         bearer key; put {@code ${SOME_ENV_VAR:}} here, never the key itself; empty for none
     * @param model          the server's model name
     * @param connectTimeout TCP/TLS connect
     * @param readTimeout    until the answer's headers, per uploaded piece
     * @param maxUploadBytes the server's file limit (OpenAI: 25 MB); longer recordings go in pieces cut at pauses
     * @param usdPerMinute   price per audio minute, counted in the daily ledger
     * @param dailyBudgetUsd spend per UTC day past which the engine is skipped; 0 = unlimited
     * @param languages      ISO 639-1 codes it transcribes; empty = any
     */
    public record Remote(URI baseUrl, String apiKey, String model,
                         @DefaultValue("5s") Duration connectTimeout, @DefaultValue("5m") Duration readTimeout,
                         @DefaultValue("25000000") long maxUploadBytes, @DefaultValue("0") double usdPerMinute,
                         @DefaultValue("0") double dailyBudgetUsd, List<String> languages) {
    }

    public record Rule(Priority priority, Duration minDuration, Duration maxDuration, String engine) {
    }

    /**
     * @param enabled  whether the health indicator transcribes the known clip
     * @param interval how long a result is reused: probes come every few seconds, a transcription costs ~1 s
     * @param maxWer   the word error rate on the clip above which an engine counts as broken
     */
    public record Health(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration interval,
                         @DefaultValue("0.5") double maxWer) {
    }

    /**
     * @param share  fraction of entries also transcribed by {@code engine}, in [0, 1]; 0 (default) is off
     * @param engine the second engine's id, one of the lineup's
     * @param maxWaiting second opinions that may wait for the worker to be idle; more are skipped and counted
     */
    public record Ab(@DefaultValue("0") double share, String engine, @DefaultValue("4") int maxWaiting) {
        public Ab {
            if (maxWaiting < 1) {
                throw new IllegalArgumentException("daybook.transcription.ab.max-waiting must be >= 1");
            }
        }
    }
}

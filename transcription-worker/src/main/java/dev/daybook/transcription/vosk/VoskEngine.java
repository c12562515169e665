package dev.daybook.transcription.vosk;

import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.asr.SegmentBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vosk (Kaldi) on the CPU, offline. The model is loaded on first use and then shared: a Vosk
 * {@link Model} is read-only and may serve many {@link Recognizer}s on different threads at once.
 * Vosk only speaks the language of its model, so the language hint is reported but not used.
 */
public final class VoskEngine implements AsrEngine {

    /**
     * The decoder search for the bundled {@code vosk-model-en-0.3.45}: its conf's beam 10 and lattice-beam 2, but
     * between 50 and 500 active states per frame instead of 200 and 3000. Measured in round 3
     * (docs/benchmarks-transcription.md): the floor of 200 made confident (real) speech pay for states it did not
     * need, the cap of 3000 let synthetic speech keep too many; together about 0.6 of the CPU at the same word
     * error rate on LibriVox and the diary entries. A narrower beam saved less and lost words.
     */
    public static final VoskDecoderSettings BUNDLED_DECODER = new VoskDecoderSettings(10.0, 500, 2.0, 50);

    /**
     * Reading the partial hypothesis costs a best-path traceback over the utterance so far: every 0.5 s of audio it
     * added about a tenth to the CPU time of a diary entry, every 5 s nothing measurable (round 3).
     */
    public static final Duration DEFAULT_PARTIAL_INTERVAL = Duration.ofSeconds(2);

    private final VoskModelCache cache;
    private final String modelName;
    private final String language;
    private final VoskDecoderSettings decoder;
    private final long partialIntervalSamples;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile Model model;

    /** With the decoder search the model ships with, a partial hypothesis at most every 2 s of audio. */
    public VoskEngine(VoskModelCache cache, String modelName, String language) {
        this(cache, modelName, language, VoskDecoderSettings.MODEL_CONF, DEFAULT_PARTIAL_INTERVAL);
    }

    /**
     * @param decoder         the decoder search to use, in place of the model's {@code conf/model.conf} where set
     * @param partialInterval the least audio between two reads of Vosk's partial hypothesis for live words; the
     *                        transcriber may ask for words more often (every chunk), then only finished
     *                        utterances' words come back in between
     */
    public VoskEngine(VoskModelCache cache, String modelName, String language, VoskDecoderSettings decoder,
                      Duration partialInterval) {
        this.cache = cache;
        this.modelName = modelName;
        this.language = language;
        this.decoder = decoder;
        this.partialIntervalSamples = partialInterval.toMillis() * SAMPLE_RATE / 1000;
    }

    @Override
    public String id() {
        return "vosk";
    }

    @Override
    public String name() {
        return "vosk";
    }

    @Override
    public String model() {
        return modelName;
    }

    /** The decoder search this engine loads its model with. */
    public VoskDecoderSettings decoder() {
        return decoder;
    }

    /** Only the language of its model: Vosk has no notion of another one. */
    @Override
    public Set<String> languages() {
        return Set.of(language);
    }

    @Override
    public AsrSession open(String languageHint) throws AsrException {
        try {
            Recognizer recognizer = new Recognizer(loadedModel(), SAMPLE_RATE);
            recognizer.setWords(true);
            return new Session(recognizer);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new AsrException("Vosk could not start a recogniser: " + e.getMessage(), e);
        }
    }

    /** Loads the model now (at startup, so the first job does not pay for it). */
    public void warmUp() throws AsrException {
        try {
            loadedModel();
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new AsrException("Vosk model could not be loaded: " + e.getMessage(), e);
        }
    }

    private Model loadedModel() throws IOException {
        Model m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    LibVosk.setLogLevel(LogLevel.WARNINGS);
                    Path dir = decoder.modelDir(cache.modelDir());
                    model = new Model(dir.toString());
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    /** Feeds Vosk and turns each utterance result's timed words into segments. */
    private final class Session implements AsrSession {
        private final Recognizer recognizer;
        private final SegmentBuilder segments = new SegmentBuilder();
        private final StringBuilder fresh = new StringBuilder();
        /** Words of the utterance in progress already reported from Vosk's partial hypothesis. */
        private int partialReported;
        /** Samples fed since the partial hypothesis was last read. */
        private long sincePartial;

        Session(Recognizer recognizer) {
            this.recognizer = recognizer;
        }

        @Override
        public void accept(short[] samples, int count) throws AsrException {
            try {
                sincePartial += count;
                if (recognizer.acceptWaveForm(samples, count)) {
                    collect(recognizer.getResult());
                }
            } catch (RuntimeException e) {
                throw new AsrException("Vosk failed on the audio: " + e.getMessage(), e);
            }
        }

        @Override
        public List<Transcript.Segment> finish() throws AsrException {
            try {
                collect(recognizer.getFinalResult());
                return segments.build();
            } catch (RuntimeException e) {
                throw new AsrException("Vosk failed to finish: " + e.getMessage(), e);
            }
        }

        private void collect(String resultJson) {
            JsonNode result = json.readTree(resultJson).path("result");
            int index = 0;
            for (JsonNode w : result) {
                if (index++ >= partialReported) { // the first words went out live already, from the partial
                    fresh.append(fresh.isEmpty() ? "" : " ").append(w.path("word").asString());
                }
                segments.word(w.path("word").asString(), w.path("start").asDouble(), w.path("end").asDouble(),
                        w.path("conf").asDouble(1.0));
            }
            segments.flush();
            partialReported = 0;
        }

        @Override
        public List<Transcript.Word> words() {
            return segments.words();
        }

        @Override
        public String recognisedSince() {
            // Vosk finalises an utterance only at a pause; read aloud without one, a diary entry would show no
            // words until its end. So the partial hypothesis of the utterance in progress counts too, each
            // word once; the stored transcript, from the final results, replaces this live text at the end.
            // The hypothesis is read at most every partial interval of audio; in between, finished utterances only.
            if (sincePartial >= partialIntervalSamples) {
                sincePartial = 0;
                String[] partial = json.readTree(recognizer.getPartialResult()).path("partial").asString("").trim()
                        .split("\\s+");
                int known = partial.length == 1 && partial[0].isEmpty() ? 0 : partial.length;
                for (int i = partialReported; i < known; i++) {
                    fresh.append(fresh.isEmpty() ? "" : " ").append(partial[i]);
                }
                partialReported = Math.max(partialReported, known);
            }
            String text = fresh.toString();
            fresh.setLength(0);
            return text;
        }

        @Override
        public String language() {
            return language;
        }

        @Override
        public void close() {
            recognizer.close();
        }
    }
}

package dev.daybook.transcription;

import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.transcript.Punctuator;
import dev.daybook.shared.transcript.TranscribableLanguages;
import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.EnginePolicy;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.transcription.audio.AudioDecoder;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.UndecodableAudioException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a recording through an engine chunk by chunk: decode a block, feed it, and between chunks check for
 * cancellation and the time budget, and report progress (with the words recognised since) at most every progress
 * interval. Only one block of PCM is held at a time, so memory is flat however long the recording is.
 *
 * <p>Failures: audio that cannot be decoded is {@link JobFailure.Permanent}; an engine failure moves on
 * to the next engine in the chain (decoding again from the start); when every engine failed, or the budget
 * ran out, the failure is {@link JobFailure.Transient} and the queue retries later.
 */
public final class Transcriber {

    private static final Logger log = LoggerFactory.getLogger(Transcriber.class);
    private static final int BLOCK_SAMPLES = AsrEngine.SAMPLE_RATE / 2;

    private final EngineChain engines;
    private final EnginePolicy policy;
    private final AudioDecoder decoder;
    private final TimeBudget budget;
    private final double chunkSeconds;
    private final Duration progressInterval;
    private final TranscriptionMetrics metrics;
    private final Clock clock;
    private final Punctuator punctuator = new Punctuator();

    private final SecondOpinion secondOpinion;

    /** Progress at every chunk, no A/B. */
    public Transcriber(EngineChain engines, EnginePolicy policy, AudioDecoder decoder, TimeBudget budget,
                       Duration chunk, TranscriptionMetrics metrics, Clock clock) {
        this(engines, policy, decoder, budget, chunk, Duration.ZERO, metrics, clock, SecondOpinion.NONE);
    }

    /**
     * @param chunk            audio between two checks for cancellation and the time budget
     * @param progressInterval the least time between two progress reports of one job: each report is an event
     *                         that the recorder, long polls, feeds and webhooks all take, and a fast engine
     *                         finishes a chunk several times a second
     */
    Transcriber(EngineChain engines, EnginePolicy policy, AudioDecoder decoder, TimeBudget budget,
                Duration chunk, Duration progressInterval, TranscriptionMetrics metrics, Clock clock,
                SecondOpinion secondOpinion) {
        this.secondOpinion = secondOpinion;
        this.progressInterval = progressInterval;
        this.engines = engines;
        this.policy = policy;
        this.decoder = decoder;
        this.budget = budget;
        this.chunkSeconds = chunk.toMillis() / 1000.0;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** False while the engine this worker must run on is broken. */
    public boolean ready() {
        return !engines.requiredBroken();
    }

    /** A transcript and the id of the engine that made it. */
    public record Transcribed(Transcript transcript, String engineId) {
    }

    public Transcript transcribe(TranscriptionRequest request, TranscriptionListener listener) {
        return transcribeEntry(request, listener).transcript();
    }

    /** Transcribes with the first engine of the chain that can; the A/B second opinion is the caller's to ask for, later. */
    public Transcribed transcribeEntry(TranscriptionRequest request, TranscriptionListener listener) {
        Duration known = request.durationSeconds() > 0
                ? Duration.ofMillis(Math.round(request.durationSeconds() * 1000)) : null;
        if (!TranscribableLanguages.covers(engines.languages(), request.language())) {
            throw new JobFailure.Permanent("unsupported_language", "no engine of this worker transcribes '"
                    + request.language() + "'; it offers " + engines.languages());
        }
        String intended = policy.choose(request.priority(), known);
        AsrException last = null;
        for (AsrEngine engine : engines.candidates(intended, request.language())) {
            try {
                Transcript t = transcribeWith(engine, request, listener);
                engines.succeeded(engine);
                if (!engine.id().equals(intended)) {
                    metrics.fallback(intended, engine.id());
                }
                metrics.wordConfidence(engine.id(), t.words());
                return new Transcribed(t, engine.id());
            } catch (AsrException e) {
                log.warn("Engine {} failed, trying the next one: {}", engine.id(), e.getMessage());
                engines.failed(engine, e.retryAfter());
                metrics.engineError(engine.id(), "engine_failure");
                last = e;
            }
        }
        throw new JobFailure.Transient("asr_unavailable",
                "no ASR engine could transcribe the recording: " + (last == null ? "none" : last.getMessage()), last);
    }

    /** Whether an entry transcribed by {@code engineId} is one of the A/B share ({@link SecondOpinion}). */
    boolean wantsSecondOpinion(String engineId) {
        return secondOpinion.wanted(engineId);
    }

    /**
     * The A/B run, after the entry's own transcript is stored: the second engine's transcript is measured against
     * the first, then dropped. Its failure fails nothing.
     */
    void secondOpinion(String firstId, Transcript firstTranscript, TranscriptionRequest request) {
        AsrEngine second = engines.all().stream().filter(e -> e.id().equals(secondOpinion.engine())).findFirst().orElse(null);
        if (second == null) {
            log.warn("A/B engine {} is not in the engine lineup; skipped", secondOpinion.engine());
            return;
        }
        try {
            Transcript other = transcribeWith(second, request, TranscriptionListener.NONE);
            metrics.wordConfidence(second.id(), other.words());
            metrics.agreement(firstId, second.id(), WordErrorRate.of(firstTranscript.text(), other.text()));
        } catch (AsrException | JobFailure e) {
            log.warn("A/B engine {} failed; the entry keeps {}'s transcript: {}", second.id(), firstId, e.getMessage());
            metrics.engineError(second.id(), "ab_failure");
        }
    }

    private Transcript transcribeWith(AsrEngine engine, TranscriptionRequest request, TranscriptionListener listener)
            throws AsrException {
        Instant started = clock.instant();
        try (PcmInput pcm = openAudio(request); AsrSession session = engine.open(request.language())) {
            double expected = request.durationSeconds() > 0 ? request.durationSeconds() : pcm.durationSeconds();
            long samples = feed(pcm, session, expected, started, listener);
            List<Transcript.Segment> segments = session.finish();
            double seconds = samples / (double) AsrEngine.SAMPLE_RATE;
            double took = Duration.between(started, clock.instant()).toMillis() / 1000.0;
            metrics.transcribed(engine.id(), seconds, took);
            listener.progress(1.0);
            // Vosk writes no punctuation or capitals: restore them here, so the note and every format get them.
            return punctuator.restore(Transcript.of(session.language(), seconds, segments, session.words(),
                    new Transcript.Engine(engine.name(), engine.model())));
        } catch (IOException e) {
            throw new JobFailure.Transient("audio_read_failed", "reading the audio failed: " + e.getMessage(), e);
        }
    }

    private PcmInput openAudio(TranscriptionRequest request) throws IOException {
        try {
            return decoder.open(request.audio());
        } catch (UndecodableAudioException e) {
            throw new JobFailure.Permanent("undecodable_audio", "the recording cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** Feeds the whole recording; returns the number of samples. */
    private long feed(PcmInput pcm, AsrSession session, double expected, Instant started,
                      TranscriptionListener listener) throws IOException, AsrException {
        short[] block = new short[BLOCK_SAMPLES];
        long samples = 0;
        double nextCheck = chunkSeconds;
        Instant nextReport = started;
        for (int n; (n = readAudio(pcm, block)) > 0; ) {
            session.accept(block, n);
            samples += n;
            double seconds = samples / (double) AsrEngine.SAMPLE_RATE;
            if (seconds >= nextCheck) {
                nextCheck += chunkSeconds;
                Instant now = clock.instant();
                withinBudget(seconds, expected, started, now, listener);
                if (!now.isBefore(nextReport)) {
                    nextReport = now.plus(progressInterval);
                    // the words recognised since the last report: those of skipped chunks wait for this one
                    report(seconds, expected, listener, session.recognisedSince());
                }
            }
        }
        return samples;
    }

    private static int readAudio(PcmInput pcm, short[] block) throws IOException {
        try {
            return pcm.read(block);
        } catch (UndecodableAudioException e) {
            throw new JobFailure.Permanent("undecodable_audio", "the recording cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static void report(double seconds, double expected, TranscriptionListener listener, String recognised) {
        if (expected > 0) {
            listener.progress(Math.min(0.99, seconds / expected), recognised);
        } else if (!recognised.isEmpty()) {
            listener.progress(0, recognised);
        }
    }

    private void withinBudget(double seconds, double expected, Instant started, Instant now,
                              TranscriptionListener listener) {
        listener.checkCancelled();
        Duration allowed = budget.allowedFor(Math.max(seconds, expected));
        Duration spent = Duration.between(started, now);
        if (spent.compareTo(allowed) > 0) {
            throw new JobFailure.Transient("transcription_timeout", "transcription took " + spent.toSeconds()
                    + " s, over its budget of " + allowed.toSeconds() + " s for " + Math.round(seconds) + " s of audio");
        }
    }
}

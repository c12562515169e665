package dev.daybook.transcription;

import dev.daybook.shared.transcript.Transcript;
import dev.daybook.transcription.asr.AsrEngine;
import dev.daybook.transcription.asr.AsrException;
import dev.daybook.transcription.asr.AsrSession;
import dev.daybook.transcription.asr.EngineChain;
import dev.daybook.transcription.asr.WordErrorRate;
import dev.daybook.transcription.audio.PcmInput;
import dev.daybook.transcription.audio.WavDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up when at least one engine of the chain can transcribe a short known clip (a LibriVox sentence bundled
 * with the worker) within {@code maxWer}; each engine's result is in the details, and feeds the chain's
 * fallback (a broken engine is benched, a working one restored). The check costs about a second of CPU,
 * so its result is reused for {@code interval}.
 *
 * <p>A worker with a required engine ({@code daybook.transcription.required-engine}) is OUT_OF_SERVICE when that
 * engine fails, whatever the others do: it is in the readiness group, so the pod leaves the service, and the
 * worker fetches no jobs meanwhile (see {@link Transcriber#ready()}).
 */
final class AsrHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AsrHealthIndicator.class);

    static final String CLIP = "/health/known-clip.wav";
    static final String CLIP_TEXT = "he was not an ill disposed young man";

    private final EngineChain engines;
    private final Duration interval;
    private final double maxWer;
    private final Clock clock;
    private Health last;
    private Instant checkedAt;

    AsrHealthIndicator(EngineChain engines, Duration interval, double maxWer, Clock clock) {
        this.engines = engines;
        this.interval = interval;
        this.maxWer = maxWer;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(checkedAt.plus(interval))) {
            last = check();
            checkedAt = now;
        }
        return last;
    }

    private Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean anyUp = false;
        for (AsrEngine engine : engines.all()) {
            Probe result = probe(engine);
            details.put(engine.id(), result.text());
            boolean up = result.text().startsWith("ok");
            anyUp |= up;
            if (up) {
                engines.succeeded(engine);
            } else {
                engines.failed(engine, result.retryAfter());
            }
        }
        if (engines.required().isPresent() && engines.requiredBroken()) {
            details.put("required_engine", engines.required().get() + " is broken: not fetching jobs");
            return Health.outOfService().withDetails(details).build();
        }
        return (anyUp ? Health.up() : Health.down()).withDetails(details).build();
    }

    /** What the probe found, and how long a server asked to be left alone ({@code Retry-After}), if it did. */
    private record Probe(String text, Optional<Duration> retryAfter) {
        Probe(String text) {
            this(text, Optional.empty());
        }
    }

    private Probe probe(AsrEngine engine) {
        try {
            String text = transcribeClip(engine);
            double wer = WordErrorRate.of(CLIP_TEXT, text);
            return new Probe(wer <= maxWer ? String.format("ok (WER %.2f)", wer)
                    : String.format("wrong transcript (WER %.2f): %s", wer, text));
        } catch (AsrException e) {
            log.warn("health probe of ASR engine {} failed: {}", engine.id(), e.toString());
            return new Probe("failed: " + e.getClass().getSimpleName() + " (see the worker's log)", e.retryAfter());
        } catch (IOException | RuntimeException e) {
            // the message may name a model file or a temp directory: the log has it, the public endpoint not
            log.warn("health probe of ASR engine {} failed: {}", engine.id(), e.toString());
            return new Probe("failed: " + e.getClass().getSimpleName() + " (see the worker's log)");
        }
    }

    private static String transcribeClip(AsrEngine engine) throws AsrException, IOException {
        Path clip = Files.createTempFile("daybook-health-", ".wav");
        try (InputStream in = AsrHealthIndicator.class.getResourceAsStream(CLIP)) {
            if (in == null) {
                throw new IOException("health clip missing from the classpath: " + CLIP);
            }
            Files.copy(in, clip, StandardCopyOption.REPLACE_EXISTING);
            try (PcmInput pcm = new WavDecoder().open(clip); AsrSession session = engine.open(null)) {
                short[] block = new short[8000];
                for (int n; (n = pcm.read(block)) > 0; ) {
                    session.accept(block, n);
                }
                List<Transcript.Segment> segments = session.finish();
                return String.join(" ", segments.stream().map(Transcript.Segment::text).toList());
            }
        } finally {
            Files.deleteIfExists(clip);
        }
    }
}

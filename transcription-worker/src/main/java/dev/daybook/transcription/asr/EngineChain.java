package dev.daybook.transcription.asr;

import dev.daybook.shared.transcript.TranscribableLanguages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured engines in fallback order (e.g. Whisper on the GPU, then Vosk on the CPU).
 *
 * <p>Policy: a job tries the engine its {@link EnginePolicy} chose first, then the others in configured
 * order, leaving out those that cannot transcribe the job's language. An engine that fails is benched for
 * {@code cooldown} — or for as long as its server asked ({@code Retry-After}) — so later jobs skip it and go
 * straight to the next one, until the bench time passes and it gets another chance. When every engine is
 * benched, all are tried anyway: a wrong guess costs one failed attempt, refusing all work costs more.
 *
 * <p>A worker with a {@code required} engine (a GPU worker that exists for Whisper or its server) never
 * falls back to the others: its candidates are the required engines only, and {@link #requiredBroken()}
 * tells the worker to stop fetching and report itself not ready.
 */
public final class EngineChain implements AutoCloseable {

    private final Map<String, AsrEngine> engines = new LinkedHashMap<>();
    private final Map<String, Instant> benchedUntil = new ConcurrentHashMap<>();
    private final Duration cooldown;
    private final Clock clock;
    private final String required;

    public EngineChain(List<AsrEngine> ordered, Duration cooldown, Clock clock) {
        this(ordered, cooldown, clock, null);
    }

    /** @param required an engine id or family ({@code whisper}, {@code remote}) this worker must run on; null for none */
    public EngineChain(List<AsrEngine> ordered, Duration cooldown, Clock clock, String required) {
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("at least one ASR engine must be configured");
        }
        ordered.forEach(e -> engines.put(e.id(), e));
        this.cooldown = cooldown;
        this.clock = clock;
        this.required = required == null || required.isBlank() ? null : required;
        if (this.required != null && engines.values().stream().noneMatch(this::isRequired)) {
            throw new IllegalArgumentException("daybook.transcription.required-engine '" + required
                    + "' matches none of the engines " + engines.keySet());
        }
    }

    /** The engines to try for a job, best first. */
    public List<AsrEngine> candidates(String preferredId) {
        return candidates(preferredId, null);
    }

    /** The engines to try for a job in {@code language} (null: any), best first. */
    public List<AsrEngine> candidates(String preferredId, String language) {
        List<AsrEngine> ordered = new ArrayList<>();
        AsrEngine preferred = engines.get(preferredId);
        if (preferred != null) {
            ordered.add(preferred);
        }
        engines.values().stream().filter(e -> e != preferred).forEach(ordered::add);
        List<AsrEngine> allowed = ordered.stream()
                .filter(e -> required == null || isRequired(e))
                .filter(e -> TranscribableLanguages.covers(e.languages(), language)).toList();
        List<AsrEngine> healthy = allowed.stream().filter(this::isHealthy).toList();
        return healthy.isEmpty() ? allowed : healthy;
    }

    /** The languages this worker can transcribe: those of the engines it may use. */
    public Set<String> languages() {
        Set<String> all = new LinkedHashSet<>();
        engines.values().stream().filter(e -> required == null || isRequired(e)).forEach(e -> all.addAll(e.languages()));
        return all;
    }

    public AsrEngine primary() {
        return engines.values().iterator().next();
    }

    public List<AsrEngine> all() {
        return List.copyOf(engines.values());
    }

    public Optional<String> required() {
        return Optional.ofNullable(required);
    }

    public boolean isRequired(AsrEngine engine) {
        return required != null && (required.equals(engine.id()) || required.equals(engine.name()));
    }

    /** Whether this worker needs an engine and every engine that would do is benched. */
    public boolean requiredBroken() {
        return required != null && engines.values().stream().filter(this::isRequired).noneMatch(this::isHealthy);
    }

    public boolean isHealthy(AsrEngine engine) {
        Instant until = benchedUntil.get(engine.id());
        return until == null || !clock.instant().isBefore(until);
    }

    public void failed(AsrEngine engine) {
        failed(engine, Optional.empty());
    }

    /** Benches the engine for {@code wait} when its server named one, else for the cooldown. */
    public void failed(AsrEngine engine, Optional<Duration> wait) {
        benchedUntil.put(engine.id(), clock.instant().plus(wait.orElse(cooldown)));
    }

    public void succeeded(AsrEngine engine) {
        benchedUntil.remove(engine.id());
    }

    @Override
    public void close() {
        engines.values().forEach(AsrEngine::close);
    }
}

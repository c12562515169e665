package dev.daybook.transcription.asr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured engines in fallback order (e.g. Whisper on the GPU, then Vosk on the CPU).
 *
 * <p>Policy: a job tries the engine its {@link EnginePolicy} chose first, then the others in configured
 * order. An engine that fails is benched for {@code cooldown}: later jobs skip it and go straight to the
 * next one, until the cooldown passes and it gets another chance. When every engine is benched, all are
 * tried anyway — a wrong guess costs one failed attempt, refusing all work costs more.
 */
public final class EngineChain implements AutoCloseable {

    private final Map<String, AsrEngine> engines = new LinkedHashMap<>();
    private final Map<String, Instant> benchedUntil = new ConcurrentHashMap<>();
    private final Duration cooldown;
    private final Clock clock;

    public EngineChain(List<AsrEngine> ordered, Duration cooldown, Clock clock) {
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("at least one ASR engine must be configured");
        }
        ordered.forEach(e -> engines.put(e.id(), e));
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** The engines to try for a job, best first. */
    public List<AsrEngine> candidates(String preferredId) {
        List<AsrEngine> ordered = new ArrayList<>();
        AsrEngine preferred = engines.get(preferredId);
        if (preferred != null) {
            ordered.add(preferred);
        }
        engines.values().stream().filter(e -> e != preferred).forEach(ordered::add);
        List<AsrEngine> healthy = ordered.stream().filter(this::isHealthy).toList();
        return healthy.isEmpty() ? ordered : healthy;
    }

    public AsrEngine primary() {
        return engines.values().iterator().next();
    }

    public List<AsrEngine> all() {
        return List.copyOf(engines.values());
    }

    public boolean isHealthy(AsrEngine engine) {
        Instant until = benchedUntil.get(engine.id());
        return until == null || !clock.instant().isBefore(until);
    }

    public void failed(AsrEngine engine) {
        benchedUntil.put(engine.id(), clock.instant().plus(cooldown));
    }

    public void succeeded(AsrEngine engine) {
        benchedUntil.remove(engine.id());
    }

    @Override
    public void close() {
        engines.values().forEach(AsrEngine::close);
    }
}

package dev.daybook.transcription.asr;

import dev.daybook.shared.jobs.Priority;
import java.time.Duration;
import java.util.List;

/**
 * Chooses the engine for a job from its priority and length: the first matching rule wins, else the
 * default engine. Typical use: a smaller Whisper model for long low-priority recordings, so one four-hour
 * upload does not hold the GPU for an hour.
 */
public record EnginePolicy(String defaultEngine, List<Rule> rules) {

    public EnginePolicy {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public String choose(Priority priority, Duration duration) {
        return rules.stream().filter(r -> r.matches(priority, duration)).map(Rule::engine).findFirst()
                .orElse(defaultEngine);
    }

    /**
     * A rule: any of its conditions left null matches everything.
     *
     * @param priority    the job priority it applies to, or null for any
     * @param minDuration the shortest recording it applies to, or null
     * @param maxDuration the longest recording it applies to, or null
     * @param engine      the engine id to use
     */
    public record Rule(Priority priority, Duration minDuration, Duration maxDuration, String engine) {

        public Rule {
            if (engine == null || engine.isBlank()) {
                throw new IllegalArgumentException("a policy rule needs an engine");
            }
        }

        boolean matches(Priority p, Duration d) {
            boolean known = d != null;
            return (priority == null || priority == p)
                    && (minDuration == null || known && d.compareTo(minDuration) >= 0)
                    && (maxDuration == null || known && d.compareTo(maxDuration) <= 0);
        }
    }
}

package dev.daybook.llm.routing;

import dev.daybook.llm.note.NotePrompt;
import dev.daybook.llm.provider.ModelRoute;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Routes one request (a note, a recap) over the configured models, in the spirit of LiteLLM's router.
 *
 * <p>The policy, in order. Models are tried in configuration order (a provider's models, then the next
 * provider's). A model is skipped when the overall or its provider's daily budget is spent, when a budget is
 * nearly spent and it is not its provider's cheapest model, when the prompt does not fit its context window,
 * when it or its provider is cooling down, or when its provider has no concurrency permit free in time. A
 * retryable failure (408, 409, 429, 5xx, timeout, connection) is retried on the same model after the wait the
 * provider asked for ({@code retry-after-ms}, {@code Retry-After}) or a doubling backoff, while the wait is
 * short, the per-model retries last and the note's total wait stays under its cap; otherwise the router falls
 * over. Repeated failures open the model's cooldown, shared through Redis; a 429 whose wait is too long cools
 * the model for that wait; 401/403 cool the whole provider and 404 the model, for long. A context-length
 * error moves on to models with a larger window only. An answer that fails the schema after its one repair
 * falls over too. When nothing is left the caller gets every attempt and writes the note locally.
 */
public final class Router {

    private final List<ModelRoute> routes;
    private final RouterProperties props;
    private final Cooldowns cooldowns;
    private final ConcurrencyLimiter limiter;
    private final UsageLedger ledger;
    private final Budgets budgets;
    private final ModelCall calls;
    private final Sleeper sleeper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AnswerParser<dev.daybook.shared.note.Note> notes;

    public Router(List<ModelRoute> routes, RouterProperties props, redis.clients.jedis.UnifiedJedis redis, RouterKeys keys,
                  dev.daybook.llm.note.NoteParser parser, Clock clock, Sleeper sleeper, MeterRegistry meters) {
        this.routes = List.copyOf(routes);
        this.props = props;
        this.cooldowns = new Cooldowns(redis, keys, props, clock);
        this.limiter = new ConcurrencyLimiter(redis, keys, props, clock, sleeper);
        this.ledger = new UsageLedger(redis, keys, clock);
        this.budgets = new Budgets(props, this.routes);
        BudgetGauges.register(meters, props, this.routes, ledger);
        this.calls = new ModelCall(ledger, meters);
        this.notes = answer -> {
            dev.daybook.llm.note.NoteParser.Parsed parsed = parser.parse(answer);
            return parsed.ok() ? AnswerParser.Parsed.valid(parsed.note()) : AnswerParser.Parsed.invalid(parsed.errors());
        };
        this.sleeper = sleeper;
        this.clock = clock;
        this.meters = meters;
    }

    public boolean hasModels() {
        return !routes.isEmpty();
    }

    /** Today's token and cost counters as stored in Redis (field → value). */
    public java.util.Map<String, String> usageToday() {
        return ledger.counters();
    }

    public Routed route(NotePrompt prompt) throws InterruptedException {
        return route(prompt, List.of());
    }

    /**
     * Routes with {@code preferred} models first: each entry names a model ({@code gpt-4o-mini}) or a provider's
     * model ({@code openai/gpt-4o-mini}); those are tried in the listed order, then every other model in
     * configuration order. Budgets, windows and cooldowns apply to each exactly as without a preference.
     */
    public Routed route(NotePrompt prompt, List<String> preferred) throws InterruptedException {
        Answered<dev.daybook.shared.note.Note> a = route(prompt, notes, preferred);
        // The router, not the model, signs the note.
        return new Routed(a.ok() ? a.value().withGeneratedBy(new dev.daybook.shared.note.Note.GeneratedBy(a.provider(),
                a.model())) : null, a.attempts(), a.contextTooLong());
    }

    /**
     * Routes any prompt whose answer {@code parser} reads (a recap), under the same policy, budgets, cooldowns and
     * concurrency limits as the notes.
     */
    public <T> Answered<T> route(Prompt prompt, AnswerParser<T> parser, List<String> preferred) throws InterruptedException {
        Trip trip = new Trip(prompt, props.maxTotalWait().toMillis());
        for (ModelRoute route : ordered(preferred)) {
            Optional<String> skip = skipReason(route, trip);
            if (skip.isPresent()) {
                trip.add(Attempt.skipped(route, skip.get()));
                continue;
            }
            Optional<ModelCall.Result<T>> result = tryRoute(route, trip, parser);
            if (result.isPresent()) {
                return new Answered<>(result.get().value(), route.provider(), route.model(), trip.attempts, false);
            }
        }
        return new Answered<>(null, null, null, trip.attempts, trip.contextTooLong);
    }

    private List<ModelRoute> ordered(List<String> preferred) {
        if (preferred.isEmpty()) {
            return routes;
        }
        List<ModelRoute> ordered = new ArrayList<>(routes);
        ordered.sort(java.util.Comparator.comparingInt(r -> rank(r, preferred)));
        return ordered;
    }

    private static int rank(ModelRoute route, List<String> preferred) {
        for (int i = 0; i < preferred.size(); i++) {
            String p = preferred.get(i);
            if (p.equals(route.model()) || p.equals(route.provider() + "/" + route.model())) {
                return i;
            }
        }
        return preferred.size();
    }

    private Optional<String> skipReason(ModelRoute route, Trip trip) {
        UsageLedger.Spend spend = ledger.spend(routes);
        Optional<String> budget = budgets.refusal(route, spend);
        if (budget.isPresent()) {
            return budget;
        }
        if (route.contextWindow() < trip.minWindow) {
            trip.contextTooLong = true;
            return Optional.of("context_window");
        }
        Cooldowns.State state = cooldowns.state(route);
        trip.routeFailing = state.failing();
        return state.coolingDown() ? Optional.of("cooldown") : Optional.empty();
    }

    private <T> Optional<ModelCall.Result<T>> tryRoute(ModelRoute route, Trip trip, AnswerParser<T> parser)
            throws InterruptedException {
        Optional<ConcurrencyLimiter.Permit> permit = limiter.acquire(route);
        if (permit.isEmpty()) {
            trip.add(Attempt.skipped(route, "busy"));
            return Optional.empty();
        }
        try {
            for (int retry = 0; ; retry++) {
                long started = clock.millis();
                try {
                    ModelCall.Result<T> result = calls.call(route, trip.prompt, parser);
                    if (trip.routeFailing) {
                        cooldowns.recordSuccess(route);
                    }
                    if (result.repaired()) {
                        trip.add(attempt(route, "invalid_output", 0, started, String.join("; ", result.firstErrors())));
                    }
                    trip.add(attempt(route, result.repaired() ? "repaired" : "ok", 200, started, null));
                    return Optional.of(result);
                } catch (ModelCall.InvalidAnswer e) {
                    trip.add(attempt(route, "invalid_output", 0, started, e.getMessage()));
                    return Optional.empty();
                } catch (RuntimeException e) {
                    ProviderError error = ProviderError.classify(e);
                    Attempt failed = attempt(route, error.outcome(), error.status(), started, error.detail());
                    Optional<Duration> wait = onFailure(route, error, retry, trip);
                    trip.add(wait.map(w -> failed.waited(w.toMillis())).orElse(failed));
                    if (wait.isEmpty()) {
                        return Optional.empty();
                    }
                    sleeper.sleep(wait.get());
                }
            }
        } finally {
            permit.get().release();
        }
    }

    /** Applies the failure policy; returns the wait before retrying the same model, or empty to fall over. */
    private Optional<Duration> onFailure(ModelRoute route, ProviderError error, int retry, Trip trip) {
        switch (error.kind()) {
            case AUTH -> cooldowns.coolProvider(route.provider(), props.authCooldown());
            case NOT_FOUND -> cooldowns.coolModel(route, props.notFoundCooldown());
            case CONTEXT_LENGTH -> {
                trip.minWindow = Math.max(trip.minWindow, route.contextWindow() + 1);
                trip.contextTooLong = true;
            }
            case BAD_REQUEST -> { }
            case RETRYABLE -> {
                return retryWait(route, error, retry, trip);
            }
        }
        return Optional.empty();
    }

    private Optional<Duration> retryWait(ModelRoute route, ProviderError error, int retry, Trip trip) {
        Duration wait = error.retryAfter().orElse(props.backoff().multipliedBy(1L << Math.min(retry, 10)));
        boolean opened = cooldowns.recordFailure(route);
        trip.routeFailing = true;
        boolean tooLong = wait.compareTo(props.maxRetryWait()) > 0;
        if (tooLong && error.retryAfter().isPresent()) {
            cooldowns.coolModel(route, wait);
        }
        if (opened || tooLong || retry >= props.retriesPerModel() || !trip.spendWait(wait.toMillis())) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    private Attempt attempt(ModelRoute route, String outcome, int status, long started, String detail) {
        meters.counter("daybook.llm.attempts", "provider", route.provider(), "model", route.model(), "outcome", outcome).increment();
        return new Attempt(route.provider(), route.model(), outcome, status, clock.millis() - started, 0, detail);
    }

    /** The state of one routing: attempts so far, wait left, the smallest window still worth trying. */
    private static final class Trip {
        final Prompt prompt;
        final List<Attempt> attempts = new ArrayList<>();
        long waitLeftMs;
        int minWindow;
        boolean contextTooLong;
        /** Whether the route being tried has a failure count to clear on success. */
        boolean routeFailing;

        Trip(Prompt prompt, long maxWaitMs) {
            this.prompt = prompt;
            this.waitLeftMs = maxWaitMs;
            this.minWindow = prompt.estimatedTokens();
        }

        void add(Attempt attempt) {
            attempts.add(attempt);
        }

        boolean spendWait(long ms) {
            if (ms > waitLeftMs) {
                return false;
            }
            waitLeftMs -= ms;
            return true;
        }
    }
}

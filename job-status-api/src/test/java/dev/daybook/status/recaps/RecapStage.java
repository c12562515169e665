package dev.daybook.status.recaps;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.queue.JobContext;
import dev.daybook.shared.queue.JobFailure;
import dev.daybook.shared.queue.QueueProperties;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.queue.StageResult;
import dev.daybook.shared.queue.Worker;
import dev.daybook.shared.recap.Recap;
import dev.daybook.shared.recap.RecapRequest;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.shared.tracing.JobTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recap stage as the v1 contract has llm-worker run it (llm-worker's own tests run the real one): a real queue
 * worker that reads the request job-status-api stored, and writes a recap whose one highlight per entry is the
 * entry's title, citing it with its first snippet's moment. What job-status-api gathers is then exactly what a
 * recap can cite.
 */
public final class RecapStage {

    private RecapStage() {
    }

    public static Worker start(UnifiedJedis redis, QueueProperties properties, TieredStorage storage, JsonMapper json) {
        return start(redis, properties, storage, json, request -> false);
    }

    /**
     * As {@link #start(UnifiedJedis, QueueProperties, TieredStorage, JsonMapper)}, but a request {@code refused}
     * accepts fails for good, as llm-worker fails a recap no model (nor the local generator) could write: code
     * {@code recap_refused}, to the dead letters, the recap {@code failed} with that error.
     */
    public static Worker start(UnifiedJedis redis, QueueProperties properties, TieredStorage storage, JsonMapper json,
                               Predicate<RecapRequest> refused) {
        StageHandler handler = new StageHandler() {
            @Override
            public String stage() {
                return "recap";
            }

            @Override
            public StageResult handle(JobContext context) throws Exception {
                RecapRequest request;
                try (InputStream in = storage.open(context.job().field(JobFields.RECAP_REQUEST_KEY)).orElseThrow()) {
                    request = json.readValue(in, RecapRequest.class);
                }
                if (refused.test(request)) {
                    throw new JobFailure.Permanent("recap_refused", "no model could write a recap of "
                            + request.from() + " – " + request.to());
                }
                List<Recap.Highlight> highlights = request.entries().stream().map(e -> new Recap.Highlight(e.title(),
                        List.of(new Recap.Citation(e.jobId(), e.date(),
                                e.snippets().isEmpty() ? null : e.snippets().getFirst().startMs())))).toList();
                Recap recap = new Recap("Recap " + request.from(), request.entries().size() + " entries.", highlights,
                        new dev.daybook.shared.note.Note.GeneratedBy("local", "test-recap"));
                String key = TieredStorage.jobKey(context.job().id(), "recap.json");
                storage.hot().put(key, new ByteArrayInputStream(json.writeValueAsBytes(recap)));
                return StageResult.of(Map.of(JobFields.RECAP_KEY, key));
            }
        };
        Worker w = new Worker(redis, properties, List.of(handler),
                new Worker.Options("test-recap-" + System.nanoTime(), 2, Map.of()), Clock.systemUTC(),
                new SimpleMeterRegistry(), JobTracing.noop());
        w.start();
        return w;
    }
}

package dev.daybook.llm.summarize;

import dev.daybook.llm.note.LocalNoteGenerator;
import dev.daybook.llm.note.NotePrompt;
import dev.daybook.llm.routing.Attempt;
import dev.daybook.llm.routing.Routed;
import dev.daybook.llm.routing.Router;
import dev.daybook.shared.note.Note;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the note for a transcript. The whole transcript goes to the router first; when it fits no
 * available model, it is cut into chunks, each chunk gets its own note (map) and the chunk notes are merged
 * into one (reduce). Whenever the router comes back empty-handed, for any reason, the local generator
 * writes the note from the whole transcript, so a job never fails for want of a provider.
 */
final class NoteWriter {

    private final Router router;
    private final LocalNoteGenerator local;
    private final TranscriptChunker chunker;
    private final JsonMapper json;

    NoteWriter(Router router, LocalNoteGenerator local, TranscriptChunker chunker, JsonMapper json) {
        this.router = router;
        this.local = local;
        this.chunker = chunker;
        this.json = json;
    }

    WrittenNote write(String transcript, DoubleConsumer progress) throws InterruptedException {
        return write(transcript, List.of(), progress);
    }

    /** {@code preferred}: the models to try first (the job's priority picks them, see {@link LlmProperties}). */
    WrittenNote write(String transcript, List<String> preferred, DoubleConsumer progress) throws InterruptedException {
        if (!router.hasModels() || transcript.isBlank()) {
            return locally(transcript, List.of(), 1);
        }
        List<Attempt> attempts = new ArrayList<>();
        Routed whole = router.route(NotePrompt.forTranscript(transcript, json), preferred);
        attempts.addAll(whole.attempts());
        if (whole.ok()) {
            return new WrittenNote(whole.note(), attempts, 1);
        }
        return whole.contextTooLong() ? mapReduce(transcript, preferred, attempts, progress) : locally(transcript, attempts, 1);
    }

    /** Chunk notes are asked for in parallel; the providers' concurrency limits still apply. */
    private WrittenNote mapReduce(String transcript, List<String> preferred, List<Attempt> attempts, DoubleConsumer progress)
            throws InterruptedException {
        List<String> chunks = chunker.split(transcript);
        List<Routed> parts = mapChunks(chunks, preferred, progress);
        parts.forEach(p -> attempts.addAll(p.attempts()));
        if (!parts.stream().allMatch(Routed::ok)) {
            return locally(transcript, attempts, chunks.size());
        }
        Routed merged = router.route(NotePrompt.forPartials(parts.stream().map(Routed::note).toList(), json), preferred);
        attempts.addAll(merged.attempts());
        return merged.ok() ? new WrittenNote(merged.note(), attempts, chunks.size()) : locally(transcript, attempts, chunks.size());
    }

    private List<Routed> mapChunks(List<String> chunks, List<String> preferred, DoubleConsumer progress) throws InterruptedException {
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Routed>> futures = new ArrayList<>();
            for (String chunk : chunks) {
                futures.add(pool.submit(() -> {
                    Routed part = router.route(NotePrompt.forTranscript(chunk, json), preferred);
                    progress.accept((double) done.incrementAndGet() / (chunks.size() + 1));
                    return part;
                }));
            }
            List<Routed> parts = new ArrayList<>();
            for (Future<Routed> future : futures) {
                parts.add(result(future));
            }
            return parts;
        }
    }

    private static Routed result(Future<Routed> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private WrittenNote locally(String transcript, List<Attempt> attempts, int chunks) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(new Attempt(LocalNoteGenerator.SIGNATURE.provider(), LocalNoteGenerator.SIGNATURE.model(), "ok", 0, 0, 0, null));
        return new WrittenNote(local.generate(transcript), all, chunks);
    }
}

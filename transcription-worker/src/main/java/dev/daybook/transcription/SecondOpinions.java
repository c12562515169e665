package dev.daybook.transcription;

import dev.daybook.shared.queue.LoopLifecycle;
import dev.daybook.shared.transcript.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The A/B second opinions ({@link SecondOpinion}) as low-priority follow-ups: an entry chosen for A/B is handed
 * over with its own copy of the recording only after its transcript is stored, so the entry never waits for
 * the second engine; the follow-up runs only while this worker has no entry of its own in hand, one at a
 * time. At most {@code capacity} wait; past that a new one is skipped and counted — A/B is a sample anyway.
 * Waiting follow-ups are dropped at shutdown (their copies deleted): they are measurements, not work owed.
 */
final class SecondOpinions extends LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SecondOpinions.class);
    private static final Duration IDLE_CHECK = Duration.ofMillis(200);

    /** One entry to transcribe again: its own audio copy, the first engine and its transcript. */
    record FollowUp(String firstEngine, Transcript first, TranscriptionRequest request) {
    }

    private final Transcriber transcriber;
    private final TranscriptionMetrics metrics;
    private final Path workDir;
    private final LinkedBlockingDeque<FollowUp> waiting;
    private final AtomicInteger entriesRunning = new AtomicInteger();

    SecondOpinions(Transcriber transcriber, TranscriptionMetrics metrics, Path workDir, int capacity) {
        super("daybook-ab", Duration.ZERO, Duration.ofSeconds(5));
        this.transcriber = transcriber;
        this.metrics = metrics;
        this.workDir = workDir;
        this.waiting = new LinkedBlockingDeque<>(capacity);
    }

    /** Marks an entry of the worker's own as running until closed; follow-ups wait meanwhile. */
    AutoCloseable entryRunning() {
        entriesRunning.incrementAndGet();
        return entriesRunning::decrementAndGet;
    }

    /** After the entry's transcript is stored: queue the second opinion if this entry is in the A/B share. */
    void after(Transcriber.Transcribed done, TranscriptionRequest request) throws IOException {
        if (!transcriber.wantsSecondOpinion(done.engineId())) {
            return;
        }
        Files.createDirectories(workDir);
        Path copy = Files.createTempFile(workDir, "ab-", ".audio");
        Files.copy(request.audio(), copy, StandardCopyOption.REPLACE_EXISTING);
        FollowUp followUp = new FollowUp(done.engineId(), done.transcript(),
                new TranscriptionRequest(copy, request.priority(), request.durationSeconds(), request.language()));
        if (!waiting.offerLast(followUp)) {
            Files.deleteIfExists(copy);
            metrics.abSkipped(done.engineId());
        }
    }

    /** Takes the next follow-up and runs it if the worker is idle; else puts it back and waits a moment. */
    void runOnce() {
        FollowUp next;
        try {
            next = waiting.pollFirst(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (next == null) {
            return;
        }
        if (entriesRunning.get() > 0) {
            waiting.offerFirst(next);
            pause();
            return;
        }
        try {
            transcriber.secondOpinion(next.firstEngine(), next.first(), next.request());
        } finally {
            delete(next);
        }
    }

    int waiting() {
        return waiting.size();
    }

    private void pause() {
        try {
            Thread.sleep(IDLE_CHECK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(FollowUp f) {
        try {
            Files.deleteIfExists(f.request().audio());
        } catch (IOException e) {
            log.warn("could not delete the A/B copy {}: {}", f.request().audio(), e.toString());
        }
    }

    @Override
    protected void round() {
        runOnce();
    }

    /** The follow-ups still waiting are dropped, their copies deleted. */
    @Override
    protected void afterStop() {
        for (FollowUp f; (f = waiting.pollFirst()) != null; ) {
            delete(f);
        }
    }
}

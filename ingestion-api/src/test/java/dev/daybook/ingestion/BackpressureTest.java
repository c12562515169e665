package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.jobs.NewJob;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.queue.JobQueue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A transcription backlog past the limit turns submissions away with 503 instead of queueing without bound. */
class BackpressureTest extends IngestionTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("daybook.ingestion.admission.max-backlog", () -> "3");
        registry.add("daybook.ingestion.admission.backlog-retry-after", () -> "45s");
    }

    @Autowired
    JobQueue queue;

    @Test
    void fullBacklogIs503WithRetryAfterAndLeavesNothingBehind() {
        assertThat(upload("early", DIARY.resolve("entry1.wav")).getStatusCode().value()).isEqualTo(202);
        for (int i = 0; i < 2; i++) {
            queue.enqueue(new NewJob("filler-" + i, "someone", Priority.LOW, null, Map.of()));
        }
        long stored = filesUnder("storage");

        ResponseEntity<String> r = upload("late", DIARY.resolve("entry1.wav"));

        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(json(r).path("code").asString()).isEqualTo("backlog_full");
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("45");
        assertThat(filesUnder("storage")).isEqualTo(stored);
        assertThat(filesUnder("spool")).isZero();
        assertThat(filesUnder("multipart")).isZero();
    }
}

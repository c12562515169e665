package dev.daybook.status.batch;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.ArtifactPointers;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Every job record, page by page (Redis SCAN). Progress is not saved: a run after a crash walks them all
 * again, and finds the work already done in the records themselves.
 */
final class JobRecordReader implements ItemReader<Job> {

    private static final int PAGE = 200;

    private final ArtifactPointers pointers;
    private final Deque<Job> buffer = new ArrayDeque<>();
    private String cursor = "0";
    private boolean done;

    JobRecordReader(ArtifactPointers pointers) {
        this.pointers = pointers;
    }

    @Override
    public Job read() {
        while (buffer.isEmpty() && !done) {
            ArtifactPointers.Page page = pointers.scan(cursor, PAGE);
            buffer.addAll(page.jobs());
            cursor = page.cursor();
            done = page.last();
        }
        return buffer.poll();
    }
}

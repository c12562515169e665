package dev.daybook.status.record;

import java.util.List;

import dev.daybook.shared.jobs.Job;

/**
 * Records the jobs of one kind that are not diary entries (a recap: job field {@code kind}). The recorder hands it
 * the latest Redis records of that kind a batch names, before it acks the batch, and writes none of them as an
 * entry; a write must be idempotent and never move a row backwards, since a batch may be recorded twice.
 */
public interface KindRecorder {

    /** The value of the job field {@code kind} this recorder owns. */
    String kind();

    void record(List<Job> jobs);
}

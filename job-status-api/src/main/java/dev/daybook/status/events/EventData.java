package dev.daybook.status.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.jobs.JobView;

/**
 * The {@code data:} of one SSE event. A stream event carries what changed; a {@code snapshot} (the first event
 * of a feed without {@code Last-Event-ID}, or a refresh from the job record) carries the whole job as well.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventData(String type, String status, String stage, Double progress, String text, String code, Instant at,
                 JobView job) {

    static final String SNAPSHOT = "snapshot";

    static EventData of(JobEvent e) {
        return new EventData(e.type().wire(), blankToNull(e.status()), blankToNull(e.stage()), e.progress(), e.text(),
                e.code(), Instant.ofEpochMilli(e.at()), null);
    }

    static EventData snapshot(Job job) {
        JobView view = JobView.of(job);
        return new EventData(SNAPSHOT, view.status(), view.stage(), view.progress(), null,
                view.error() == null ? null : view.error().code(), view.updatedAt(), view);
    }

    /** What a client shows of the job, to tell whether a record refresh brings anything new. */
    String state(String previous) {
        String[] was = previous == null ? new String[] {"", "", ""} : previous.split("\\|", -1);
        return (status == null ? was[0] : status) + "|" + (stage == null ? was[1] : stage) + "|"
                + (progress == null ? was[2] : progress.toString());
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package dev.daybook.status.events;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.queue.JobEventLog;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.status.jobs.OwnedJobs;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.clients.jedis.StreamEntryID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams one job's events to one client, on the request's thread, in three steps:
 * <ol>
 *   <li><b>Register</b> the client's feed first, so every event written from then on reaches it.</li>
 *   <li><b>Catch up.</b> Without a last event id: a snapshot of the job record, whose id is the stream's last
 *       id read just before the record, so a reconnect resumes right after it. With one: this job's events after
 *       it, read with XRANGE in pages (a snapshot instead when the id is older than the replay window, newer than
 *       the stream, or trimming removed entries after it).</li>
 *   <li><b>Follow</b> the feed, skipping what the catch-up already covered (stream ids only grow, so comparing
 *       ids is enough: none missed, none doubled), with a heartbeat comment when idle.</li>
 * </ol>
 * The stream ends after a final event (completed, failed, cancelled, deleted), when the caller's token expires,
 * when the client falls too far behind, or when the process stops; the client reconnects with its last id.
 */
@Component
class EventStreamer {

    private static final Logger log = LoggerFactory.getLogger(EventStreamer.class);

    private final OwnedJobs jobs;
    private final JobEventLog events;
    private final Feeds feeds;
    private final EventsProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    EventStreamer(OwnedJobs jobs, JobEventLog events, Feeds feeds, EventsProperties properties, JsonMapper json,
                  Clock clock) {
        this.jobs = jobs;
        this.events = events;
        this.feeds = feeds;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param resumeAfter the client's last event id, or null for a new feed
     * @param until       when the stream must end (the token's expiry), or null
     */
    void stream(Caller caller, String jobId, StreamEntryID resumeAfter, Instant until, HttpServletResponse response)
            throws InterruptedException {
        jobs.require(caller, jobId);
        try (Feed feed = feeds.open(caller.userId(), jobId)) {
            SseWriter out = SseWriter.open(response);
            try {
                StreamSession session = new StreamSession(caller, jobId, feed, out, until, this);
                if (session.catchUp(resumeAfter)) {
                    session.follow();
                }
            } catch (RuntimeException e) {
                // The response is a stream already, too late for a problem: end it; the client resumes.
                log.warn("event stream of job {} broken off: {}", jobId, e.toString());
            }
        } catch (IOException clientGone) {
            // The usual end of a stream whose client left (found by the next write): nothing to answer.
            log.debug("event stream of job {} ended: {}", jobId, clientGone.toString());
        }
    }

    OwnedJobs jobs() {
        return jobs;
    }

    JobEventLog events() {
        return events;
    }

    EventsProperties properties() {
        return properties;
    }

    JsonMapper json() {
        return json;
    }

    Clock clock() {
        return clock;
    }

    static boolean closesStream(JobEventType type) {
        return type.isFinal() || type == JobEventType.DELETED;
    }

    /** A job the stream has nothing more to say about: failed counts, though an admin may revive a dead letter. */
    static boolean over(Job job) {
        JobStatus s = job.status();
        return s == JobStatus.COMPLETED || s == JobStatus.FAILED || s == JobStatus.CANCELLED;
    }
}

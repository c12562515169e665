package dev.daybook.status.events;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.shared.queue.JobEventLog;
import dev.daybook.status.jobs.OwnedJobs;
import dev.daybook.status.problem.ApiProblem;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client's stream of one job (see {@link EventStreamer} for the steps): its position in the event stream,
 * what it was last shown, when it was last written to, and a pending wake-up that brought no event yet.
 */
final class StreamSession {

    /** Between a probe's two writes: long enough for a reset to come back from a client that is gone. */
    private static final long PROBE_ECHO = 100;

    private final OwnedJobs jobs;
    private final JobEventLog events;
    private final EventsProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Caller caller;
    private final String jobId;
    private final Feed feed;
    private final SseWriter out;
    private final Instant until;
    private StreamEntryID lastId;
    private String shown;
    private Instant lastWrite;
    private Instant nudged;

    StreamSession(Caller caller, String jobId, Feed feed, SseWriter out, Instant until, EventStreamer streamer) {
        this.jobs = streamer.jobs();
        this.events = streamer.events();
        this.properties = streamer.properties();
        this.json = streamer.json();
        this.clock = streamer.clock();
        this.caller = caller;
        this.jobId = jobId;
        this.feed = feed;
        this.out = out;
        this.until = until;
        this.lastWrite = clock.instant();
    }

    /** Sends what the client has not seen yet; false when the job is already over. */
    boolean catchUp(StreamEntryID resumeAfter) throws IOException {
        StreamEntryID newest = events.lastId();
        if (resumeAfter == null || !replayable(resumeAfter, newest)) {
            lastId = newest;
            Optional<Job> job = current();
            if (job.isEmpty()) {
                return false;
            }
            snapshot(job.get(), lastId);
            return !EventStreamer.over(job.get());
        }
        lastId = resumeAfter;
        if (replay()) {
            return false;
        }
        // No final event after that id, yet the record may be final (its events trimmed, or a writer that
        // does not append events): then the snapshot says so and the stream ends.
        Optional<Job> job = current();
        if (job.isPresent() && EventStreamer.over(job.get())) {
            snapshot(job.get(), lastId);
        }
        return job.isPresent() && !EventStreamer.over(job.get());
    }

    /** This job's events after {@link #lastId}, page by page; true when one of them ended the stream. */
    private boolean replay() throws IOException {
        while (true) {
            List<StreamEntry> page = events.after(lastId, properties.replayPage());
            for (StreamEntry entry : page) {
                lastId = entry.getID();
                Optional<JobEvent> event = JobEvent.fromEntry(entry.getID().toString(), entry.getFields())
                        .filter(e -> e.job().equals(jobId));
                if (event.isPresent() && send(event.get())) {
                    return true;
                }
            }
            if (page.size() < properties.replayPage()) {
                return false;
            }
        }
    }

    void follow() throws IOException, InterruptedException {
        while (clock.instant().isBefore(until == null ? Instant.MAX : until)) {
            Feed.Item item = feed.next(nextWait());
            switch (item) {
                case null -> {
                    if (fallbackDue() && refreshFromRecord()) {
                        return;
                    }
                    heartbeatIfIdle();
                }
                case Feed.Arrived a -> {
                    nudged = null;
                    if (new StreamEntryID(a.event().id()).compareTo(lastId) > 0) {
                        lastId = new StreamEntryID(a.event().id());
                        if (send(a.event())) {
                            return;
                        }
                    }
                }
                case Feed.Changed c -> {
                    if (nudged == null && !properties.recordFallback().isZero()) {
                        nudged = clock.instant();
                    }
                }
                case Feed.Probe p -> probe();
                case Feed.Ended e -> {
                    out.comment(e.why());
                    return;
                }
            }
        }
        out.comment("token expired; reconnect with a fresh one");
    }

    private Duration nextWait() {
        Instant now = clock.instant();
        Instant wake = lastWrite.plus(properties.heartbeat());
        if (nudged != null && nudged.plus(properties.recordFallback()).isBefore(wake)) {
            wake = nudged.plus(properties.recordFallback());
        }
        if (until != null && until.isBefore(wake)) {
            wake = until;
        }
        Duration wait = Duration.between(now, wake);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private boolean fallbackDue() {
        return nudged != null && !clock.instant().isBefore(nudged.plus(properties.recordFallback()));
    }

    /** The wake-up brought no event: show the record if it changed; true when the job is over. */
    private boolean refreshFromRecord() throws IOException {
        nudged = null;
        Optional<Job> job = current();
        if (job.isEmpty()) {
            return true;
        }
        EventData data = EventData.snapshot(job.get());
        if (!data.state(shown).equals(shown)) {
            write(null, data);
        }
        return EventStreamer.over(job.get());
    }

    /**
     * Writes twice, a moment apart: the first write to a connection the client has closed usually still
     * succeeds (the client's side only answers it with a reset), the second then fails and ends the stream.
     */
    private void probe() throws IOException, InterruptedException {
        out.comment("ping");
        Thread.sleep(PROBE_ECHO);
        out.comment("ping");
        lastWrite = clock.instant();
    }

    private void heartbeatIfIdle() throws IOException {
        if (!clock.instant().isBefore(lastWrite.plus(properties.heartbeat()))) {
            out.comment("heartbeat");
            lastWrite = clock.instant();
        }
    }

    private void snapshot(Job job, StreamEntryID id) throws IOException {
        write(id.toString(), EventData.snapshot(job));
    }

    /** Writes a stream event; true when it ends the stream. */
    private boolean send(JobEvent event) throws IOException {
        write(event.id(), EventData.of(event));
        return EventStreamer.closesStream(event.type());
    }

    private void write(String id, EventData data) throws IOException {
        out.event(id, data.type(), json.writeValueAsString(data));
        shown = data.state(shown);
        lastWrite = clock.instant();
    }

    /** The job as the caller may see it now; empty once it is gone (deleted meanwhile). */
    private Optional<Job> current() {
        try {
            return Optional.of(jobs.require(caller, jobId));
        } catch (ApiProblem gone) {
            return Optional.empty();
        }
    }

    /** Within the replay window, not past the newest entry, and nothing after it trimmed away. */
    private boolean replayable(StreamEntryID resumeAfter, StreamEntryID newest) {
        long oldest = clock.millis() - properties.replayWindow().toMillis();
        return resumeAfter.getTime() >= oldest && resumeAfter.compareTo(newest) <= 0
                && !events.trimmedAfter(resumeAfter);
    }
}

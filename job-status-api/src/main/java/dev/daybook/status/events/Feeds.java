package dev.daybook.status.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.daybook.shared.jobs.JobEvent;
import dev.daybook.status.jobs.JobChangeListener;
import dev.daybook.status.problem.ApiProblem;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The open feeds of this process, by job: the reader fans each stream entry out to the feeds of its job, and
 * the job-changed channel nudges them. Opening one counts against a per-user and a per-process limit.
 *
 * <p>A stream whose client left is only found out by a write to it, so a user at the limit — typically one who
 * just closed a stream and reconnects — has each of their open streams probed (written to at once), and waits
 * up to {@link #PROBE_WAIT} for a slot those writes free, instead of being refused until the next heartbeat.
 *
 * <p>On shutdown (default phase, so before the web server's graceful shutdown waits for open requests) every
 * feed is ended: the clients reconnect, with their last event id, to a replica that is still running.
 */
@Component
class Feeds implements SmartLifecycle, JobChangeListener {

    /** How long a new stream of a user at the limit waits while the user's open streams are probed. */
    static final Duration PROBE_WAIT = Duration.ofSeconds(1);

    private final EventsProperties properties;
    private final Map<String, Set<Feed>> byJob = new ConcurrentHashMap<>();
    private final Map<String, Integer> byUser = new HashMap<>();
    private final ReentrantLock counting = new ReentrantLock();
    private final Condition freed = counting.newCondition();
    private int open;
    // Accepting from the start: the web server takes requests (its lifecycle phase is lower) before start().
    private volatile boolean accepting = true;
    private volatile boolean running;

    Feeds(EventsProperties properties) {
        this.properties = properties;
    }

    /** Registers a feed before anything is read for it, so no event written from now on can slip past it. */
    Feed open(String user, String job) throws InterruptedException {
        counting.lock();
        try {
            if (!accepting) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down", "this instance is stopping; retry");
            }
            if (byUser.getOrDefault(user, 0) >= properties.maxPerUser()) {
                awaitProbes(user);
            }
            if (byUser.getOrDefault(user, 0) >= properties.maxPerUser()) {
                throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too_many_streams",
                        "at most " + properties.maxPerUser() + " open event streams per user");
            }
            if (open >= properties.maxPerProcess()) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "streams_full",
                        "this instance holds its maximum of event streams; retry later");
            }
            byUser.merge(user, 1, Integer::sum);
            open++;
            Feed feed = new Feed(user, job, properties.queueCapacity(), this::closed);
            byJob.computeIfAbsent(job, k -> ConcurrentHashMap.newKeySet()).add(feed);
            return feed;
        } finally {
            counting.unlock();
        }
    }

    /** Probes the user's open feeds and waits, the lock released, until one closes or {@link #PROBE_WAIT} is over. */
    private void awaitProbes(String user) throws InterruptedException {
        byJob.values().forEach(feeds -> feeds.forEach(f -> {
            if (f.user().equals(user)) {
                f.probe();
            }
        }));
        long left = PROBE_WAIT.toNanos();
        while (byUser.getOrDefault(user, 0) >= properties.maxPerUser() && left > 0) {
            left = freed.awaitNanos(left);
        }
    }

    private void closed(Feed feed) {
        counting.lock();
        try {
            Set<Feed> feeds = byJob.get(feed.job());
            if (feeds == null || !feeds.remove(feed)) {
                return;
            }
            if (feeds.isEmpty()) {
                byJob.remove(feed.job(), feeds);
            }
            byUser.computeIfPresent(feed.user(), (u, n) -> n > 1 ? n - 1 : null);
            open--;
            freed.signalAll();
        } finally {
            counting.unlock();
        }
    }

    void deliver(JobEvent event) {
        Set<Feed> feeds = byJob.get(event.job());
        if (feeds != null) {
            feeds.forEach(f -> f.deliver(event));
        }
    }

    @Override
    public void jobChanged(String jobId) {
        Set<Feed> feeds = byJob.get(jobId);
        if (feeds != null) {
            feeds.forEach(Feed::changed);
        }
    }

    /** Feeds open on {@code jobId} right now. */
    int watching(String jobId) {
        Set<Feed> feeds = byJob.get(jobId);
        return feeds == null ? 0 : feeds.size();
    }

    int open() {
        counting.lock();
        try {
            return open;
        } finally {
            counting.unlock();
        }
    }

    @Override
    public void start() {
        accepting = true;
        running = true;
    }

    @Override
    public void stop() {
        counting.lock();
        try {
            accepting = false;
            running = false;
        } finally {
            counting.unlock();
        }
        byJob.values().forEach(feeds -> feeds.forEach(f -> f.end("the server is stopping")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

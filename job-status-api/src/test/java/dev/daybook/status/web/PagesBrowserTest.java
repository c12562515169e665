package dev.daybook.status.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/e2e/pages.e2e.mjs} (playwright-core driving Debian's headless Chromium) against this
 * service with seeded jobs: the diary page reads a completed entry and deletes it, the operations page
 * retries and purges dead letters. Then checks in Redis and storage that the page really did those things.
 * Needs {@code /usr/bin/chromium} and {@code npm ci} in src/test/e2e; skipped (not passed) without them.
 */
class PagesBrowserTest extends StatusApiTestBase {

    private static final Path E2E = Path.of("src/test/e2e");
    private static final Path LOG = Path.of("target/pages-e2e.log").toAbsolutePath();

    @Test
    void diaryAndOperationsPagesWorkInARealBrowser() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "needs Debian's chromium");
        assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")), "needs npm ci in src/test/e2e");
        String entry = completedJob("page-user");
        String retry = deadLetter("page-user");
        String purge = deadLetter("page-user");

        ProcessBuilder pb = new ProcessBuilder("node", "pages.e2e.mjs").directory(E2E.toFile())
                .redirectErrorStream(true).redirectOutput(LOG.toFile());
        pb.environment().putAll(Map.of("STATUS_URL", url(""), "MODE", "seeded",
                "USER_TOKEN", TOKENS.user("page-user"), "ADMIN_TOKEN", TOKENS.admin("ops"),
                "SEEDED_JOB_ID", entry, "DEAD_RETRY_ID", retry, "DEAD_PURGE_ID", purge));
        Process node = pb.start();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("browser test finished in time").isTrue();

        String log = Files.readString(LOG);
        System.out.println(log);
        assertThat(node.exitValue()).as(log).isZero();
        assertThat(log).contains("pages e2e (seeded) passed");
        assertThat(queue.find(entry)).isEmpty();
        assertThat(Files.exists(STORAGE.resolve("cold").resolve(TieredStorage.jobPrefix(entry) + "audio"))).isFalse();
        assertThat(queue.find(retry).orElseThrow().status().wire()).isEqualTo("queued");
        assertThat(redis.zscore(keys.dead(), purge)).isNull();
    }

    private String deadLetter(String user) {
        String id = queuedJob(user);
        redis.hset(keys.job(id), Map.of(JobFields.STATUS, "failed", JobFields.ERROR_CODE, "corrupt_audio",
                JobFields.ERROR_MESSAGE, "decoder gave up"));
        redis.zadd(keys.dead(), System.currentTimeMillis(), id);
        return id;
    }
}

package dev.daybook.status.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.daybook.shared.auth.ContentSecurityPolicy;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;

/**
 * The Swagger UI page works under the Content-Security-Policy the service sends: {@code src/test/e2e/swagger.e2e.mjs}
 * opens it in Debian's headless Chromium, which must render the API's operations and report no violation. The
 * policy is the shared one ({@link ContentSecurityPolicy#API_DOCS}), so this holds for ingestion-api's page too.
 */
class SwaggerUiBrowserTest extends StatusApiTestBase {

    private static final Path E2E = Path.of("src/test/e2e");
    private static final Path LOG = Path.of("target/swagger-e2e.log").toAbsolutePath();

    @Test
    void theSwaggerUiPageRendersTheOperationsWithoutAPolicyViolation() throws Exception {
        boolean ready = Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isDirectory(E2E.resolve("node_modules/playwright-core"));
        if ("1".equals(System.getenv("DAYBOOK_REQUIRE_BROWSER"))) {
            assertThat(ready).as("chromium and playwright-core (bin/ensure-test-deps installs them)").isTrue();
        }
        assumeTrue(ready, "needs Debian's chromium and npm ci in src/test/e2e");
        assertThat(get("/swagger-ui/index.html", null).headers().firstValue("Content-Security-Policy"))
                .hasValue(ContentSecurityPolicy.API_DOCS);

        ProcessBuilder pb = new ProcessBuilder("node", "swagger.e2e.mjs").directory(E2E.toFile())
                .redirectErrorStream(true).redirectOutput(LOG.toFile());
        pb.environment().put("DOCS_URLS", url(""));
        Process node = pb.start();
        assertThat(node.waitFor(90, TimeUnit.SECONDS)).as("browser test finished in time").isTrue();
        String log = Files.readString(LOG);
        System.out.println(log);
        assertThat(node.exitValue()).as(log).isZero();
        assertThat(log).contains("0 violations", "swagger e2e passed");
    }
}

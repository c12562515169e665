package dev.daybook.status.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.daybook.shared.testing.PostgresServerProcess;
import dev.daybook.status.StatusApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make import}: the command-line import writes into the running stack — its Redis and storage, and its
 * PostgreSQL, whose JobRepository then lists the run beside those started from the operations page.
 */
class ImportCommandTest extends StatusApiTestBase {

    @Autowired
    JsonMapper json;

    @Test
    void theCommandImportsAFolderIntoTheStackAndItsRunIsListedByTheAdminApi() throws Exception {
        Path dir = Files.createTempDirectory("cli-import-"); // not under the import roots: the command allows it
        Files.copy(TESTDATA.resolve("diary/entry1.wav"), dir.resolve("entry1.wav"));
        Files.copy(TESTDATA.resolve("diary/not-audio.mp3"), dir.resolve("not-audio.mp3"));
        String user = "cli-" + System.nanoTime();

        int exit = ImportCommand.run(new String[] {dir.toString(), user}, theStacksSettings());

        assertThat(exit).isZero();
        assertThat(redis.zcard(keys.userJobs(user))).isEqualTo(1);
        JsonNode runs = json.readTree(get("/v1/admin/batch/runs?limit=200", TOKENS.admin("ops")).body()).get("runs");
        JsonNode mine = null;
        for (JsonNode r : runs) {
            if (r.get("job").asString().equals("import") && user.equals(r.get("params").path("user").asString(null))) {
                mine = r;
            }
        }
        assertThat(mine).as(runs.toString()).isNotNull();
        assertThat(mine.get("status").asString()).isEqualTo("completed");
        assertThat(mine.get("written").asLong()).isEqualTo(1);
        assertThat(mine.get("skips").get(0).get("reason").asString()).startsWith("unsupported_format");
    }

    @Test
    void aUserThatIsNoUserIdIsRefusedBeforeAnythingRuns() throws Exception {
        assertThat(ImportCommand.run(new String[] {"/tmp", "not a user"}, theStacksSettings())).isEqualTo(2);
    }

    /** What {@code make import} passes: the stack's Redis, storage and database. */
    private StandardEnvironment theStacksSettings() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("make-import", Map.of(
                "daybook.redis.url", REDIS.uri(),
                "daybook.storage.root", STORAGE.toString(),
                "DAYBOOK_DB_URL", DATABASE,
                "DAYBOOK_DB_USER", PostgresServerProcess.USER)));
        return env;
    }
}

package dev.daybook.llm.summarize;

import static dev.daybook.llm.routing.FakeProviders.VALID_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.llm.note.LocalNoteGenerator;
import dev.daybook.llm.routing.FakeProviders;
import dev.daybook.shared.testing.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** {@code make note}: the note the worker's own configuration writes for a transcript file. */
class NoteCommandTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    Path dir;

    StandardEnvironment env(Map<String, Object> overrides) throws Exception {
        StandardEnvironment env = NoteCommand.environment();
        env.getPropertySources().addFirst(new MapPropertySource("test", overrides));
        return env;
    }

    static final Map<String, Object> NO_KEYS = Map.of("OPENAI_API_KEY", "", "ANTHROPIC_API_KEY", "", "MISTRAL_API_KEY", "",
            "OLLAMA_BASE_URL", "");

    @Test
    void withoutAProviderKeyTheLocalGeneratorWritesTheNoteOfAPlainTextFile() throws Exception {
        Path file = Files.writeString(dir.resolve("t.txt"), "i met sarah in boston i need to call the dentist tomorrow");

        WrittenNote note = NoteCommand.write(file, env(NO_KEYS), JSON);

        assertThat(note.note().generatedBy()).isEqualTo(LocalNoteGenerator.SIGNATURE);
        assertThat(note.note().people()).containsExactly("Sarah");
        assertThat(note.note().todos()).containsExactly("Call the dentist");
    }

    @Test
    void withAKeyTheNoteComesFromTheProviderAndATranscriptJsonGivesItsText() throws Exception {
        Path file = Files.writeString(dir.resolve("transcript.json"), "{\"text\":\"I ran by the river.\",\"language\":\"en\","
                + "\"duration_s\":3.0,\"segments\":[],\"words\":[],\"engine\":{\"name\":\"vosk\",\"model\":\"m\"}}");
        try (FakeProviders fakes = new FakeProviders(); RedisServerProcess redis = RedisServerProcess.start()) {
            fakes.answers("openai", "gpt-4o", VALID_NOTE);
            Map<String, Object> env = new java.util.HashMap<>(NO_KEYS);
            env.putAll(Map.of("OPENAI_API_KEY", "test-key", "OPENAI_BASE_URL", fakes.baseUrl("openai"),
                    "daybook.redis.url", redis.uri()));

            WrittenNote note = NoteCommand.write(file, env(env), JSON);

            assertThat(note.note().generatedBy().provider()).isEqualTo("openai");
            assertThat(note.note().title()).isEqualTo("Run by the river");
            assertThat(fakes.calls("openai", "gpt-4o")).isEqualTo(1);
        }
    }
}

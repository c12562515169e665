package dev.daybook.llm.summarize;

import dev.daybook.llm.note.LocalNoteGenerator;
import dev.daybook.llm.note.NoteParser;
import dev.daybook.llm.provider.ChatModels;
import dev.daybook.llm.provider.ModelRoute;
import dev.daybook.llm.routing.Router;
import dev.daybook.llm.routing.RouterKeys;
import dev.daybook.llm.routing.Sleeper;
import dev.daybook.shared.redis.RedisClients;
import dev.daybook.shared.redis.RedisProperties;
import dev.daybook.shared.transcript.Transcript;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make note FILE=transcript.txt}: prints the note JSON that the worker's configured writer produces for
 * a transcript file (plain text, or a {@code transcript.json}), and on stderr the attempts it took. It reads
 * the worker's own {@code application.yml} and environment (provider keys, {@code DAYBOOK_REDIS_URL}), so it
 * writes what the worker would: through the providers when a key is set (the router's budgets and cooldowns
 * live in Redis, which must then be reachable), else with the local generator, which needs nothing.
 */
public final class NoteCommand {

    private NoteCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: make note FILE=transcript.txt");
            System.exit(2);
        }
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        WrittenNote note = write(Path.of(args[0]), environment(), json);
        System.out.println(json.writeValueAsString(note.note()));
        System.err.println("attempts: " + json.writeValueAsString(note.attempts()));
    }

    /** The note for the transcript file, written as the worker configured by {@code env} would write it. */
    static WrittenNote write(Path file, StandardEnvironment env, JsonMapper json) throws Exception {
        String transcript = read(file, json);
        Binder binder = Binder.get(env);
        LlmProperties props = binder.bindOrCreate("daybook.llm", LlmProperties.class);
        List<ModelRoute> routes = ChatModels.routes(props.providers());
        return routes.isEmpty() ? write(null, props, transcript, json) : withRedis(binder, props, transcript, json);
    }

    private static WrittenNote withRedis(Binder binder, LlmProperties props, String transcript, JsonMapper json) throws Exception {
        RedisProperties redisProps = binder.bindOrCreate("daybook.redis", RedisProperties.class);
        try (RedisClient redis = RedisClients.create(redisProps)) {
            Router router = new Router(ChatModels.routes(props.providers()), props.router(), redis, new RouterKeys(),
                    new NoteParser(json), Clock.systemUTC(), Sleeper.REAL, new SimpleMeterRegistry());
            return write(router, props, transcript, json);
        }
    }

    private static WrittenNote write(Router router, LlmProperties props, String transcript, JsonMapper json) throws InterruptedException {
        Router r = router != null ? router : new Router(List.of(), props.router(), null, new RouterKeys(),
                new NoteParser(json), Clock.systemUTC(), Sleeper.REAL, new SimpleMeterRegistry());
        return new NoteWriter(r, new LocalNoteGenerator(), new TranscriptChunker(props.chunkChars()), json)
                .write(transcript, p -> { });
    }

    /** A transcript.json gives its text; anything else is the transcript itself. */
    private static String read(Path file, JsonMapper json) throws Exception {
        String content = Files.readString(file);
        return file.toString().endsWith(".json") ? json.readValue(content, Transcript.class).text() : content;
    }

    /** The worker's application.yml under the process's environment and system properties. */
    static StandardEnvironment environment() throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            env.getPropertySources().addLast(source);
        }
        return env;
    }
}

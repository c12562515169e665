package dev.daybook.llm.summarize;

import dev.daybook.llm.note.LocalNoteGenerator;
import dev.daybook.llm.note.NoteParser;
import dev.daybook.llm.provider.ChatModels;
import dev.daybook.llm.routing.Router;
import dev.daybook.llm.routing.RouterKeys;
import dev.daybook.llm.routing.Sleeper;
import dev.daybook.shared.note.KnownNames;
import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.storage.TieredStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.json.JsonMapper;

/** Wires the summarize stage: providers → router → note writer → the stage handler the queue runs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LlmProperties.class)
class SummarizeConfiguration {

    @Bean
    Router noteRouter(LlmProperties props, UnifiedJedis redis, Clock clock, ObjectProvider<JsonMapper> json,
                      ObjectProvider<MeterRegistry> meters) {
        return new Router(ChatModels.routes(props.providers()), props.router(), redis, new RouterKeys(),
                new NoteParser(mapper(json)), clock, Sleeper.REAL, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    StageHandler summarizeHandler(Router router, LlmProperties props, TieredStorage storage, ObjectProvider<JsonMapper> json,
                                  UnifiedJedis redis, RedisKeys keys) {
        NoteWriter writer = new NoteWriter(router, new LocalNoteGenerator(), new TranscriptChunker(props.chunkChars()), mapper(json));
        return new SummarizeHandler(storage, writer, mapper(json), props::preferredFor, new KnownNames(redis, keys));
    }

    private static JsonMapper mapper(ObjectProvider<JsonMapper> json) {
        return json.getIfAvailable(() -> JsonMapper.builder().build());
    }
}

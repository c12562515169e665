package dev.daybook.llm.recap;

import dev.daybook.llm.routing.Router;
import dev.daybook.llm.summarize.LlmProperties;
import dev.daybook.shared.queue.StageHandler;
import dev.daybook.shared.storage.TieredStorage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the recap stage onto the notes' router: the same providers, fallbacks, budgets and cooldowns. */
@Configuration(proxyBeanMethods = false)
class RecapConfiguration {

    @Bean
    StageHandler recapHandler(Router router, LlmProperties props, TieredStorage storage, ObjectProvider<JsonMapper> json) {
        JsonMapper mapper = json.getIfAvailable(() -> JsonMapper.builder().build());
        return new RecapHandler(storage, new RecapWriter(router, new LocalRecapGenerator(), mapper), mapper,
                props::preferredFor);
    }
}

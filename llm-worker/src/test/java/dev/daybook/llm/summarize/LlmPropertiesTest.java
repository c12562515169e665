package dev.daybook.llm.summarize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.llm.provider.ChatModels;
import dev.daybook.llm.provider.ProviderProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The shipped application.yml binds, and without keys every provider is absent (local notes only). */
class LlmPropertiesTest {

    @Test
    void shippedConfigurationBindsWithPricesAndNoProviderWithoutAKey() throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("no-keys", Map.of("OPENAI_API_KEY", "",
                "ANTHROPIC_API_KEY", "", "MISTRAL_API_KEY", "", "OLLAMA_BASE_URL", "")));
        new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);

        LlmProperties props = Binder.get(env).bind("daybook.llm", LlmProperties.class).get();

        assertThat(props.providers()).extracting(ProviderProperties::name).containsExactly("openai", "anthropic", "mistral", "ollama");
        ProviderProperties.ModelProperties mini = props.providers().getFirst().models().get(1);
        assertThat(mini).isEqualTo(new ProviderProperties.ModelProperties("gpt-4o-mini", 128_000, 0.15, 0.60));
        assertThat(props.providers().get(3).models().getFirst().name()).isEqualTo("llama3.1:8b");
        assertThat(props.router().dailyBudgetUsd()).isEqualTo(50);
        assertThat(props.router().authCooldown()).isEqualTo(Duration.ofHours(1));
        assertThat(ChatModels.routes(props.providers())).isEmpty();
        assertThat(props.preferredFor(dev.daybook.shared.jobs.Priority.LOW)).startsWith("gpt-4o-mini");
        assertThat(props.preferredFor(dev.daybook.shared.jobs.Priority.HIGH)).startsWith("gpt-4o");
        assertThat(props.preferredFor(dev.daybook.shared.jobs.Priority.NORMAL)).isEmpty();
    }
}

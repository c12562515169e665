package dev.daybook.llm.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.daybook.llm.provider.ProviderProperties;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WireMock server speaking the four providers' real wire protocols under path prefixes:
 * OpenAI {@code /openai/v1/chat/completions}, Anthropic {@code /anthropic/v1/messages}, Mistral
 * {@code /mistral/v1/chat/completions}, Ollama {@code /ollama/api/chat}. Stubs match on the model in the
 * request body, so a provider's models can answer differently.
 */
public final class FakeProviders implements AutoCloseable {

    public static final String VALID_NOTE = """
            {"title":"Run by the river","summary":"I ran by the river and met Sarah.",
             "mood":{"label":"positive","score":0.6},"highlights":["Run along the river"],
             "todos":["Call the dentist"],"people":["Sarah"],"places":["Boston"],"tags":["running"]}""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public final WireMockServer server;

    public FakeProviders() {
        this(Duration.ZERO);
    }

    /** With {@code delay} every answer comes that much later (without holding a server thread). */
    public FakeProviders(Duration delay) {
        WireMockConfiguration config = options().dynamicPort().containerThreads(64)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(16).jettyAcceptors(2);
        // Under load (the benchmark) the journal would only fill memory.
        server = new WireMockServer(delay.isPositive() ? config.disableRequestJournal() : config);
        server.start();
        this.delay = delay;
    }

    private final Duration delay;

    public static String path(String kind) {
        return switch (kind) {
            case "openai" -> "/openai/v1/chat/completions";
            case "anthropic" -> "/anthropic/v1/messages";
            case "mistral" -> "/mistral/v1/chat/completions";
            case "ollama" -> "/ollama/api/chat";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public String baseUrl(String kind) {
        return server.baseUrl() + switch (kind) {
            case "openai" -> "/openai/v1";
            case "anthropic" -> "/anthropic/v1/";
            case "mistral" -> "/mistral/v1";
            case "ollama" -> "/ollama";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A provider of this kind, named after it, with these models (window 128k, price 2.5/10 USD per Mtok). */
    public ProviderProperties provider(String kind, String... models) {
        return provider(kind, Duration.ofSeconds(5), 16, 0, Arrays.stream(models)
                .map(m -> new ProviderProperties.ModelProperties(m, 128_000, 2.5, 10)).toList());
    }

    public ProviderProperties provider(String kind, Duration timeout, int concurrency, double budgetUsd,
                                       List<ProviderProperties.ModelProperties> models) {
        return new ProviderProperties(kind, kind, "test-key-" + kind, baseUrl(kind), models, timeout, concurrency, budgetUsd);
    }

    /** The model answers with {@code content} (any text, valid or not). */
    public void answers(String kind, String model, String content) {
        server.stubFor(request(kind, model).willReturn(ok(kind, model, content)));
    }

    /** Every model of the provider answers with {@code content}, matched on the path alone (cheap, for load). */
    public void answersAnyModel(String kind, String model, String content) {
        server.stubFor(post(urlEqualTo(path(kind))).willReturn(ok(kind, model, content)));
    }

    /** The model fails with this status, body and headers (name, value, name, value…). */
    public void fails(String kind, String model, int status, String body, String... headers) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        server.stubFor(request(kind, model).willReturn(response));
    }

    /** Successive calls to the model get these contents in turn (the last one repeats). */
    public void answersInTurn(String kind, String model, String... contents) {
        String scenario = kind + "/" + model;
        for (int i = 0; i < contents.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "call-" + i;
            ScenarioMappingBuilder stub = request(kind, model).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(ok(kind, model, contents[i]));
            if (i + 1 < contents.length) {
                stub.willSetStateTo("call-" + (i + 1));
            }
            server.stubFor(stub);
        }
    }

    /** The model answers only after {@code delay}. */
    public void answersSlowly(String kind, String model, String content, Duration slow) {
        server.stubFor(request(kind, model).willReturn(ok(kind, model, content).withFixedDelay((int) slow.toMillis())));
    }

    public int calls(String kind, String model) {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo(path(kind)))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model))).build()).getCount();
    }

    public void reset() {
        server.resetAll();
    }

    private static MappingBuilder request(String kind, String model) {
        return post(urlEqualTo(path(kind))).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    private ResponseDefinitionBuilder ok(String kind, String model, String content) {
        ResponseDefinitionBuilder response = aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body(kind, model, content));
        return delay.isPositive() ? response.withFixedDelay((int) delay.toMillis()) : response;
    }

    /** A successful answer in the provider's wire format, with token usage (1,000 in, 500 out). */
    public static String body(String kind, String model, String content) {
        String text = JSON.writeValueAsString(content);
        return switch (kind) {
            case "openai", "mistral" -> """
                    {"id":"cmpl-1","object":"chat.completion","created":1700000000,"model":"%s",
                     "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500}}""".formatted(model, text);
            case "anthropic" -> """
                    {"id":"msg_1","type":"message","role":"assistant","model":"%s",
                     "content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,
                     "usage":{"input_tokens":1000,"output_tokens":500}}""".formatted(model, text);
            case "ollama" -> """
                    {"model":"%s","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":%s},
                     "done":true,"done_reason":"stop","prompt_eval_count":1000,"eval_count":500}""".formatted(model, text);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}

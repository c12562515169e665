package dev.daybook.llm.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.daybook.llm.routing.FakeProviders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Scripts the OpenAI fake to answer each labelled transcript, written or ASR form, with the note its labels describe. */
final class ScriptedAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScriptedAnswers() {
    }

    static void script(FakeProviders fakes, LabelledEntry e) {
        String content = JSON.writeValueAsString(note(e));
        String body = JSON.writeValueAsString(Map.of("id", "chatcmpl-" + e.id(), "object", "chat.completion", "created", 0,
                "model", "gpt-4o", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 400, "completion_tokens", 120, "total_tokens", 520)));
        for (String form : List.of(e.text(), e.asrForm())) {
            // The transcript's opening words pick the entry; JSON escaping leaves these plain words untouched.
            String opening = JSON.writeValueAsString(form.substring(0, Math.min(40, form.length())));
            fakes.server.stubFor(post(urlEqualTo(FakeProviders.path("openai")))
                    .withRequestBody(containing(opening.substring(1, opening.length() - 1)))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        }
    }

    private static Map<String, Object> note(LabelledEntry e) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("title", String.join(" ", e.title()));
        note.put("summary", e.text().split("(?<=[.!?])\\s")[0]);
        note.put("mood", Map.of("label", e.mood(), "score", switch (e.mood()) {
            case "positive" -> 0.6;
            case "negative" -> -0.6;
            default -> 0.0;
        }));
        note.put("highlights", List.of());
        note.put("todos", e.todos());
        note.put("people", e.people());
        note.put("places", e.places());
        note.put("tags", e.title());
        return note;
    }
}

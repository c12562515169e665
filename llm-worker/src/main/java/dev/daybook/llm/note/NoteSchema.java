package dev.daybook.llm.note;

import dev.daybook.shared.note.Note;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;

/**
 * The JSON schema a model's answer must match: the v1 note without {@code generated_by}, which the router
 * fills in (a model does not get to say who wrote the note). Sent as the response format where the provider
 * takes one, and spelled out in the system prompt for every provider.
 */
public final class NoteSchema {

    static final List<String> LIST_FIELDS = List.of("highlights", "todos", "people", "places", "tags");
    static final List<String> FIELDS = List.of("title", "summary", "mood", "highlights", "todos", "people", "places", "tags");

    /** The same schema as JSON text, for the prompt. */
    static final String TEXT = """
            {"type":"object","additionalProperties":false,
             "required":["title","summary","mood","highlights","todos","people","places","tags"],
             "properties":{
              "title":{"type":"string","description":"at most 10 words"},
              "summary":{"type":"string","description":"2-4 sentences, first person"},
              "mood":{"type":"object","additionalProperties":false,"required":["label","score"],
                "properties":{"label":{"enum":%s},"score":{"type":"number","minimum":-1,"maximum":1}}},
              "highlights":{"type":"array","items":{"type":"string"}},
              "todos":{"type":"array","items":{"type":"string"}},
              "people":{"type":"array","items":{"type":"string"}},
              "places":{"type":"array","items":{"type":"string"}},
              "tags":{"type":"array","items":{"type":"string"}}}}"""
            .formatted(labels());

    private NoteSchema() {
    }

    public static ResponseFormat responseFormat() {
        return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema()).build();
    }

    static JsonSchema schema() {
        JsonObjectSchema mood = JsonObjectSchema.builder()
                .addEnumProperty("label", Note.Mood.LABELS)
                .addProperty("score", JsonNumberSchema.builder().description("from -1 (very negative) to 1 (very positive)").build())
                .required("label", "score").additionalProperties(false).build();
        JsonObjectSchema.Builder note = JsonObjectSchema.builder()
                .addStringProperty("title", "at most 10 words")
                .addStringProperty("summary", "2-4 sentences, first person")
                .addProperty("mood", mood);
        LIST_FIELDS.forEach(f -> note.addProperty(f, JsonArraySchema.builder().items(new JsonStringSchema()).build()));
        return JsonSchema.builder().name("diary_note")
                .rootElement(note.required(FIELDS).additionalProperties(false).build()).build();
    }

    private static String labels() {
        return Note.Mood.LABELS.stream().map(l -> "\"" + l + "\"").toList().toString();
    }
}

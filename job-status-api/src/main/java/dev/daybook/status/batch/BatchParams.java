package dev.daybook.status.batch;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A run's parameters arrive as a flat JSON object of strings, numbers or booleans. */
final class BatchParams {

    private BatchParams() {
    }

    /** Parsed here, not by the message converter, so that malformed JSON is this API's 400 like any bad parameter. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fromJson(JsonMapper json, String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return params;
        }
        Object parsed;
        try {
            parsed = json.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body must be a JSON object of parameters");
        }
        if (!(parsed instanceof Map<?, ?> body)) {
            throw new IllegalArgumentException("the body must be a JSON object of parameters");
        }
        ((Map<String, Object>) body).forEach((k, v) -> {
            if (v instanceof Map || v instanceof Iterable) {
                throw new IllegalArgumentException("parameter '" + k + "' must be a string, number or boolean");
            }
            if (v != null) {
                params.put(k, v.toString());
            }
        });
        return params;
    }
}

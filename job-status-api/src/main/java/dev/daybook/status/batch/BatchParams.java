package dev.daybook.status.batch;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's parameters arrive as a flat JSON object of strings, numbers or booleans. They are kept whole in
 * the run's report, so they are bounded: at most {@link #MAX_PARAMS} of them, names of at most
 * {@link #MAX_NAME} characters and values of at most {@link #MAX_VALUE} (a long folder path fits).
 */
final class BatchParams {

    static final int MAX_PARAMS = 16;
    static final int MAX_NAME = 64;
    static final int MAX_VALUE = 1024;
    /** Longer than any body of allowed parameters can be, so an oversized body is refused before it is parsed. */
    static final int MAX_BODY = 64 * 1024;

    private BatchParams() {
    }

    /** Parsed here, not by the message converter, so that malformed JSON is this API's 400 like any bad parameter. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fromJson(JsonMapper json, String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return params;
        }
        if (text.length() > MAX_BODY) {
            throw new IllegalArgumentException("the parameters are too large (at most " + MAX_PARAMS + " of at most "
                    + MAX_VALUE + " characters each)");
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
        if (body.size() > MAX_PARAMS) {
            throw new IllegalArgumentException("at most " + MAX_PARAMS + " parameters");
        }
        ((Map<String, Object>) body).forEach((k, v) -> {
            if (k.length() > MAX_NAME) {
                throw new IllegalArgumentException("parameter names are at most " + MAX_NAME + " characters");
            }
            if (v instanceof Map || v instanceof Iterable) {
                throw new IllegalArgumentException("parameter '" + k + "' must be a string, number or boolean");
            }
            if (v != null && v.toString().length() > MAX_VALUE) {
                throw new IllegalArgumentException("parameter '" + k + "' is over " + MAX_VALUE + " characters");
            }
            if (v != null) {
                params.put(k, v.toString());
            }
        });
        return params;
    }
}

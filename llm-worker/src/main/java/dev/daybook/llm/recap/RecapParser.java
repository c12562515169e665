package dev.daybook.llm.recap;

import dev.daybook.llm.routing.AnswerParser;
import dev.daybook.shared.recap.Recap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a model's recap and grounds it in the request. The shape is checked (title, summary, highlights of text
 * and cited entries; nothing else); then each citation of an entry that was not sent is dropped, each kept one gets
 * its date from the request and a moment of that entry ({@link Citations}), and a highlight left citing nothing is
 * dropped. An answer with highlights of which none cites a real entry is refused, with errors the model sees in
 * its one repair; the router then falls over, and the local generator writes the recap last.
 */
final class RecapParser implements AnswerParser<Recap> {

    static final int MAX_HIGHLIGHTS = 8;
    private static final int MAX_TEXT = 600;
    private static final int MAX_SUMMARY = 2_000;

    private final JsonMapper json;
    private final Citations citations;
    private final boolean emptyAllowed;
    /** Citations dropped by the last answer that parsed (for the job's record). */
    private int dropped;

    /** {@code emptyAllowed}: the request has no entries, so a recap citing none is right. */
    RecapParser(JsonMapper json, Citations citations, boolean emptyAllowed) {
        this.json = json;
        this.citations = citations;
        this.emptyAllowed = emptyAllowed;
    }

    int dropped() {
        return dropped;
    }

    @Override
    public Parsed<Recap> parse(String answer) {
        JsonNode root;
        try {
            root = json.readTree(stripFences(answer));
        } catch (JacksonException e) {
            return Parsed.invalid(List.of("the answer is not valid JSON: " + e.getOriginalMessage()));
        }
        List<String> errors = shape(root);
        if (!errors.isEmpty()) {
            return Parsed.invalid(errors);
        }
        int droppedHere = 0;
        List<Recap.Highlight> highlights = new ArrayList<>();
        for (JsonNode h : root.get("highlights")) {
            String text = h.get("text").asString().strip();
            Map<String, Recap.Citation> cited = new LinkedHashMap<>();
            for (JsonNode c : h.get("entries")) {
                String id = c.path("job_id").isString() ? c.get("job_id").asString() : null;
                Long at = c.path("start_ms").isIntegralNumber() ? c.get("start_ms").asLong() : null;
                var citation = citations.cite(id, at, text);
                if (citation.isEmpty()) {
                    droppedHere++;
                } else {
                    cited.putIfAbsent(id, citation.get());
                }
            }
            if (!cited.isEmpty()) {
                highlights.add(new Recap.Highlight(text, List.copyOf(cited.values())));
            }
        }
        if (highlights.isEmpty() && !emptyAllowed) {
            return Parsed.invalid(List.of("every highlight must cite at least one entry by a \"job_id\" given in <entries>"));
        }
        dropped = droppedHere;
        return Parsed.valid(new Recap(root.get("title").asString().strip(), root.get("summary").asString().strip(),
                highlights, null));
    }

    private static List<String> shape(JsonNode root) {
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return List.of("the answer must be one JSON object");
        }
        root.propertyNames().forEach(n -> {
            if (!List.of("title", "summary", "highlights").contains(n)) {
                errors.add("unknown field \"" + n + "\"");
            }
        });
        text(root.get("title"), "title", MAX_TEXT, errors);
        text(root.get("summary"), "summary", MAX_SUMMARY, errors);
        JsonNode hs = root.get("highlights");
        if (hs == null || !hs.isArray() || hs.size() > MAX_HIGHLIGHTS) {
            errors.add("\"highlights\" must be an array of at most " + MAX_HIGHLIGHTS + " objects");
            return errors;
        }
        for (JsonNode h : hs) {
            if (!h.isObject()) {
                errors.add("each highlight must be an object {text, entries}");
                continue;
            }
            text(h.get("text"), "highlights[].text", MAX_TEXT, errors);
            JsonNode es = h.get("entries");
            if (es == null || !es.isArray() || es.isEmpty()) {
                errors.add("\"highlights[].entries\" must be a non-empty array of {job_id, start_ms}");
            }
        }
        return errors;
    }

    private static void text(JsonNode v, String field, int max, List<String> errors) {
        if (v == null || !v.isString() || v.asString().isBlank() || v.asString().length() > max) {
            errors.add("\"" + field + "\" must be a non-empty string of at most " + max + " characters");
        }
    }

    /** Models often wrap JSON in a Markdown code fence even when told not to. */
    private static String stripFences(String answer) {
        String s = answer == null ? "" : answer.strip();
        if (s.startsWith("```")) {
            s = s.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        return s;
    }
}

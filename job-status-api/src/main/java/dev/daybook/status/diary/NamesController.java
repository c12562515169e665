package dev.daybook.status.diary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.note.NameKey;
import dev.daybook.status.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/people} and {@code GET /v1/places}: the names across the caller's entries, most mentioned first,
 * each with its latest {@value #ENTRIES_EACH} entries and a link to all of them
 * ({@code GET /v1/people/mentions?key=…}, paginated). Spellings of one name are one ({@link NameKey}).
 */
@RestController
class NamesController {

    static final int ENTRIES_EACH = 5;
    static final int MAX_LIMIT = 200;
    private static final Map<String, String> KINDS = Map.of("people", "person", "places", "place");

    private final NameIndex names;

    NamesController(NameIndex names) {
        this.names = names;
    }

    record NameView(String key, String name, long mentions, Instant firstMentioned, Instant lastMentioned,
                    List<NameIndex.Mention> entries, Map<String, String> links) {
    }

    record NameList(List<NameView> items, String nextCursor) {
    }

    record Mentions(String key, String name, List<NameIndex.Mention> entries, String nextCursor) {
    }

    @GetMapping("/v1/{list:people|places}")
    @Operation(summary = "The people (or places) across the caller's entries, most mentioned first")
    NameList list(@PathVariable String list, @RequestParam(defaultValue = "50") int limit,
                  @RequestParam(required = false) String cursor, Authentication auth) {
        DiaryCursor.limit(limit, MAX_LIMIT);
        List<String> after = DiaryCursor.decode(cursor, 2);
        Long afterMentions = after == null ? null : number(after.get(0));
        List<NameIndex.Name> page = names.page(Caller.from(auth).userId(), KINDS.get(list), afterMentions,
                after == null ? null : after.get(1), limit + 1, ENTRIES_EACH);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            NameIndex.Name last = page.get(limit - 1);
            next = DiaryCursor.encode(Long.toString(last.mentions()), last.key());
        }
        return new NameList(page.stream().map(n -> view(list, n)).toList(), next);
    }

    @GetMapping("/v1/{list:people|places}/mentions")
    @Operation(summary = "One person's (or place's) entries, newest first; key: any spelling of the name")
    Mentions mentions(@PathVariable String list, @RequestParam String key, @RequestParam(defaultValue = "50") int limit,
                      @RequestParam(required = false) String cursor, Authentication auth) {
        DiaryCursor.limit(limit, MAX_LIMIT);
        String userId = Caller.from(auth).userId();
        String nameKey = NameKey.of(key);
        String display = names.display(userId, KINDS.get(list), nameKey);
        if (display == null) {
            throw ApiProblem.notFound("name_not_found", "no such name in the caller's entries");
        }
        List<String> before = DiaryCursor.decode(cursor, 2);
        List<NameIndex.Mention> page = names.mentions(userId, KINDS.get(list), nameKey,
                before == null ? null : instant(before.get(0)), before == null ? null : before.get(1), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            NameIndex.Mention last = page.get(limit - 1);
            next = DiaryCursor.encode(last.date().toString(), last.id());
        }
        return new Mentions(nameKey, display, page, next);
    }

    private static NameView view(String list, NameIndex.Name n) {
        String all = "/v1/" + list + "/mentions?key=" + URLEncoder.encode(n.key(), StandardCharsets.UTF_8);
        return new NameView(n.key(), n.name(), n.mentions(), n.firstMentioned(), n.lastMentioned(), n.entries(),
                Map.of("entries", all));
    }

    static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("cursor is not valid");
        }
    }

    static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("cursor is not valid");
        }
    }
}

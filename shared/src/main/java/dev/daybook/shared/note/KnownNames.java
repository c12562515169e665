package dev.daybook.shared.note;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.queue.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/**
 * The names a user's diary already knows: a Redis hash {@code {daybook}:names:<user>} of {@link NameKey} →
 * display name (the spelling the diary uses most). job-status-api writes it whenever it records an entry;
 * llm-worker reads it while writing a note, so an entry that says "sarah" again gets the diary's "Sarah" — without
 * either service calling the other.
 *
 * <p>A hint, never the truth: the diary's index in PostgreSQL is. A name the diary no longer mentions may stay in
 * the hash; it only ever changes how a new note spells a name it found itself.
 */
public final class KnownNames {

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public KnownNames(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Remembers each key's display name for {@code userId}. */
    public void remember(String userId, Map<String, String> displayByKey) {
        if (!displayByKey.isEmpty()) {
            redis.hset(key(userId), displayByKey);
        }
    }

    /** The display names the diary knows for {@code names}' keys (a key it does not know is absent). */
    public Map<String, String> lookUp(String userId, List<String> names) {
        List<String> wanted = names.stream().map(NameKey::of).filter(k -> !k.isEmpty()).distinct().toList();
        Map<String, String> known = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return known;
        }
        List<String> found = redis.hmget(key(userId), wanted.toArray(String[]::new));
        for (int i = 0; i < wanted.size(); i++) {
            if (found.get(i) != null) {
                known.put(wanted.get(i), found.get(i));
            }
        }
        return known;
    }

    /**
     * The note with each person and place spelled as the diary already spells it; a name it does not know keeps
     * the note's spelling. Two spellings of one name in the same note become one.
     */
    public Note apply(String userId, Note note) {
        List<String> all = new ArrayList<>(note.people());
        all.addAll(note.places());
        Map<String, String> known = lookUp(userId, all);
        return new Note(note.title(), note.summary(), note.mood(), note.highlights(), note.todos(),
                spell(note.people(), known), spell(note.places(), known), note.tags(), note.generatedBy());
    }

    private static List<String> spell(List<String> names, Map<String, String> known) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String name : names) {
            String key = NameKey.of(name);
            if (!key.isEmpty()) {
                byKey.putIfAbsent(key, known.getOrDefault(key, NameKey.display(name)));
            }
        }
        return List.copyOf(byKey.values());
    }

    private String key(String userId) {
        return keys.feature("names", userId);
    }
}

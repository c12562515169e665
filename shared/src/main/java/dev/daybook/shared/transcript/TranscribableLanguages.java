package dev.daybook.shared.transcript;

import dev.daybook.shared.queue.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * The contract between transcription workers and ingestion about languages: each worker vouches, for a time
 * to live it keeps renewing, for the languages its engines can transcribe ({@link #ANY} for an engine that
 * takes any language); ingestion asks whether a language is vouched for by any live worker. When no worker has
 * vouched for anything (none started yet, or all gone a while), everything is accepted: the job waits in the
 * queue for a worker like any other, and that worker fails it permanently if it cannot do the language.
 *
 * <p>Languages are compared by their primary subtag, lower case: {@code en-GB} is {@code en}.
 */
public final class TranscribableLanguages {

    /** Vouches for every language (Whisper multilingual, a remote engine with no language list). */
    public static final String ANY = "*";

    private final UnifiedJedis redis;
    private final String key;
    private final Clock clock;

    public TranscribableLanguages(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.key = keys.asrLanguages();
        this.clock = clock;
    }

    /** A worker vouches for {@code languages} until now + {@code ttl}; an earlier, longer promise is kept. */
    public void vouch(Collection<String> languages, Duration ttl) {
        long until = clock.millis() + ttl.toMillis();
        Map<String, Double> members = new HashMap<>();
        languages.forEach(l -> members.put(primary(l), (double) until));
        if (!members.isEmpty()) {
            redis.zadd(key, members, ZAddParams.zAddParams().gt().ch());
            redis.zremrangeByScore(key, Double.NEGATIVE_INFINITY, clock.millis());
        }
    }

    /** The languages live workers vouch for now; empty when none has vouched. */
    public Set<String> live() {
        return redis.zrangeByScore(key, clock.millis(), Double.POSITIVE_INFINITY).stream().collect(Collectors.toSet());
    }

    /** Whether a job in {@code language} may be accepted: a live worker takes it, or no worker has vouched yet. */
    public boolean accepts(String language) {
        if (language == null || language.isBlank()) {
            return true;
        }
        Set<String> live = live();
        return live.isEmpty() || live.contains(ANY) || live.contains(primary(language));
    }

    /** {@code en-GB} → {@code en}. */
    public static String primary(String language) {
        String tag = language.strip();
        int dash = tag.indexOf('-') >= 0 ? tag.indexOf('-') : tag.indexOf('_');
        return (dash > 0 ? tag.substring(0, dash) : tag).toLowerCase(Locale.ROOT);
    }

    /** Whether an engine offering {@code offered} can transcribe {@code language}. */
    public static boolean covers(Set<String> offered, String language) {
        return language == null || language.isBlank() || offered.contains(ANY) || offered.contains(primary(language));
    }
}

package dev.daybook.status.admin;

import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * How many entries a stage stream has ever received ({@code XINFO STREAM} {@code entries-added}, Redis 7):
 * a monotonic counter from which the operations page computes arrival rates.
 */
@Component
class StreamCounters {

    private final UnifiedJedis redis;

    StreamCounters(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The counter, or 0 for a stream that does not exist yet. */
    long entriesAdded(String streamKey) {
        try {
            Object added = redis.xinfoStream(streamKey).getStreamInfo().get("entries-added");
            return added instanceof Number n ? n.longValue() : 0;
        } catch (JedisDataException e) {
            return 0; // "ERR no such key"
        }
    }
}

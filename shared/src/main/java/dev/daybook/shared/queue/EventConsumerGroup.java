package dev.daybook.shared.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * A consumer group on the job event stream: how webhook intake and the recorder read it. At-least-once: an
 * entry stays pending until its reader acks it, and one left pending longer than the lease by a reader that
 * died is claimed by the next ({@code XAUTOCLAIM}) before anything new is read.
 */
public final class EventConsumerGroup {

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final String group;

    public EventConsumerGroup(UnifiedJedis redis, RedisKeys keys, String group) {
        this.redis = redis;
        this.keys = keys;
        this.group = group;
    }

    public String name() {
        return group;
    }

    /** Creates the group at the stream's start (idempotent), so events written before it existed are read too. */
    public void ensure() {
        new StreamGroups(redis, keys, Pipeline.DEFAULT).ensure(keys.jobEvents(), group);
    }

    /**
     * Up to {@code count} entries for {@code consumer}: those a dead reader left pending longer than {@code lease}
     * first, else new ones, waiting up to {@code block} for them.
     */
    public List<StreamEntry> read(String consumer, int count, Duration lease, Duration block) {
        List<StreamEntry> entries = claimStale(consumer, count, lease);
        return entries.isEmpty() ? readNew(consumer, count, block) : entries;
    }

    public void ack(List<StreamEntryID> ids) {
        if (!ids.isEmpty()) {
            redis.xack(keys.jobEvents(), group, ids.toArray(StreamEntryID[]::new));
        }
    }

    /** Entries not yet read by the group plus entries read and not yet acked: how far the readers are behind. */
    public long behind() {
        for (StreamGroupInfo g : redis.xinfoGroups(keys.jobEvents())) {
            if (group.equals(g.getName())) {
                Object lag = g.getGroupInfo().get("lag");
                return (lag instanceof Long l ? l : 0L) + g.getPending();
            }
        }
        return 0;
    }

    private List<StreamEntry> claimStale(String consumer, int count, Duration lease) {
        var r = redis.xautoclaim(keys.jobEvents(), group, consumer, lease.toMillis(), new StreamEntryID(0, 0),
                XAutoClaimParams.xAutoClaimParams().count(count));
        // entries trimmed from the stream while pending come back empty: nothing left to read in them
        List<StreamEntry> stale = new ArrayList<>();
        List<StreamEntryID> gone = new ArrayList<>();
        for (StreamEntry e : r.getValue()) {
            if (e != null && e.getFields() != null) {
                stale.add(e);
            } else if (e != null) {
                gone.add(e.getID());
            }
        }
        ack(gone);
        return stale;
    }

    private List<StreamEntry> readNew(String consumer, int count, Duration block) {
        var r = redis.xreadGroup(group, consumer, StreamGroups.read(count, (int) block.toMillis()),
                Map.of(keys.jobEvents(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        List<StreamEntry> out = new ArrayList<>();
        if (r != null) {
            r.forEach(stream -> out.addAll(stream.getValue()));
        }
        return out;
    }
}

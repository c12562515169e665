package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.redis.LuaScript;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names every queue script needs — consumer group, statuses, event types, outcomes, error codes. They are
 * written into each script as the table {@code N} when it is loaded ({@link #script}), so Lua never spells one
 * itself and Java's enums stay the one source of truth.
 */
final class QueueNames {

    /** Error code of an attempt whose worker vanished (its lease expired). */
    static final String WORKER_LOST = "worker_lost";

    private QueueNames() {
    }

    /** The queue script {@code name}, with the names compiled in. */
    static LuaScript script(String name) {
        return LuaScript.named(name, all());
    }

    static Map<String, String> all() {
        Map<String, String> n = new LinkedHashMap<>();
        n.put("group", RedisKeys.GROUP);
        for (JobStatus s : JobStatus.values()) {
            n.put(s.wire(), s.wire());
        }
        for (JobEventType t : JobEventType.values()) {
            n.put("ev_" + t.wire(), t.wire());
        }
        for (Outcome o : Outcome.values()) {
            n.put("out_" + o.wire(), o.wire());
        }
        n.put("code_" + WORKER_LOST, WORKER_LOST);
        return n;
    }
}

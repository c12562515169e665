package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobEventType;
import dev.daybook.shared.jobs.JobStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The names every queue script needs — consumer group, statuses, event types, outcomes, error codes — as the
 * single {@code name=value,…} argument the scripts' shared prelude reads into its table {@code N}. Lua never
 * spells one itself, so Java's enums stay the one source of truth.
 */
final class QueueNames {

    /** Error code of an attempt whose worker vanished (its lease expired). */
    static final String WORKER_LOST = "worker_lost";

    private static final String ENCODED = encode();

    private QueueNames() {
    }

    /** The prelude's ARGV[1]. */
    static String encoded() {
        return ENCODED;
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

    private static String encode() {
        StringJoiner j = new StringJoiner(",");
        all().forEach((k, v) -> {
            if (!(k + v).matches("[a-z0-9_:-]+")) {
                throw new IllegalStateException("name not safe for the scripts: " + k + "=" + v);
            }
            j.add(k + "=" + v);
        });
        return j.toString();
    }
}

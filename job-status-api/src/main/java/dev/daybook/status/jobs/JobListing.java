package dev.daybook.status.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.shared.queue.RedisKeys;
import org.springframework.stereotype.Component;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * A user's jobs, newest first, from the user's index (a sorted set scored by creation time). Each batch
 * costs two round trips: one ZREVRANGEBYSCORE and one pipeline of HGETALLs. With a status filter a page may
 * need several batches; the work per request is bounded, and the cursor then points where the scan stopped.
 */
@Component
class JobListing {

    static final int MAX_LIMIT = 100;
    private static final int MAX_SCANNED = 1_000;

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    JobListing(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    record Page(List<Job> jobs, ListCursor next) {
    }

    Page list(String userId, JobStatus status, int limit, ListCursor after) {
        String index = keys.userJobs(userId);
        String max = after == null ? "+inf" : Long.toString(after.createdAtMs());
        int batch = Math.max(limit, 20);
        List<Job> out = new ArrayList<>();
        ListCursor last = after;
        for (int offset = 0; offset < MAX_SCANNED; offset += batch) {
            List<Tuple> entries = redis.zrevrangeByScoreWithScores(index, max, "-inf", offset, batch);
            List<Tuple> fresh = entries.stream()
                    .filter(t -> after == null || after.isBefore((long) t.getScore(), t.getElement()))
                    .toList();
            List<Map<String, String>> hashes = fetch(fresh);
            for (int i = 0; i < fresh.size(); i++) {
                last = new ListCursor((long) fresh.get(i).getScore(), fresh.get(i).getElement());
                Map<String, String> hash = hashes.get(i);
                if (!hash.isEmpty() && (status == null || status.wire().equals(hash.get(JobFields.STATUS)))) {
                    out.add(Job.fromHash(hash));
                    if (out.size() == limit) {
                        return new Page(out, last);
                    }
                }
            }
            if (entries.size() < batch) {
                return new Page(out, null);
            }
        }
        return new Page(out, last);
    }

    private List<Map<String, String>> fetch(List<Tuple> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        try (AbstractPipeline p = redis.pipelined()) {
            List<Response<Map<String, String>>> responses = entries.stream()
                    .map(t -> p.hgetAll(keys.job(t.getElement())))
                    .toList();
            p.sync();
            return responses.stream().map(Response::get).toList();
        }
    }
}

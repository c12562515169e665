package dev.daybook.shared.queue;

import dev.daybook.shared.jobs.JobError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of one entry of a job's error history (the Lua recoverer writes the same shape). */
final class ErrorHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorHistory() {
    }

    static String toJson(JobError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toEpochMilli());
        m.put("stage", e.stage());
        m.put("attempt", e.attempt());
        m.put("code", e.code());
        m.put("message", e.message());
        m.put("retryable", e.retryable());
        return JSON.writeValueAsString(m);
    }

    static JobError parse(String json) {
        JsonNode n = JSON.readTree(json);
        return new JobError(Instant.ofEpochMilli(n.path("at").asLong()), n.path("stage").asString(),
                n.path("attempt").asInt(), n.path("code").asString(), n.path("message").asString(),
                n.path("retryable").asBoolean());
    }
}

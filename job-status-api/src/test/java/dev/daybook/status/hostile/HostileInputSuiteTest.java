package dev.daybook.status.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.testing.Hostile;
import dev.daybook.shared.testing.RawHttp;
import dev.daybook.status.StatusApiTestBase;
import dev.daybook.status.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated hostile requests against the status service on a raw socket: every id endpoint with ids that are
 * not service-made (suffixes addressing the keys behind a job, traversal, encodings, other users' real ids),
 * every method, hostile query parameters, {@code Accept}, {@code If-None-Match} and tokens. No 5xx, every 4xx
 * a problem with a stable code, another user's job always a 404, and nothing changed: the victim's jobs,
 * their records and their files are as they were. Seeded: a failure prints its seed; rerun with
 * {@code -Ddaybook.hostile.seed=N}.
 */
class HostileInputSuiteTest extends StatusApiTestBase {

    static final int REQUESTS = Integer.getInteger("daybook.hostile.status-requests", 600);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> ATTACKERS = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void noHostileRequestGetsA5xxOrAProblemWithoutACodeOrChangesAnything() throws IOException {
        long seed = Hostile.seed();
        Random random = new Random(seed);
        List<String> victims = List.of(completedJob("victim"), completedJob("victim"), queuedJob("victim"));
        Map<String, Map<String, String>> before = records(victims);
        long filesBefore = files();

        Map<String, Integer> byKind = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String victim = Hostile.pick(random, victims);
            Generated g = generate(random, victim);
            byKind.merge(g.kind(), 1, Integer::sum);
            RawHttp.Response res;
            try {
                res = RawHttp.send(port, RawHttp.head(g.method() + " " + g.path() + " HTTP/1.1", g.headers(), 0), new byte[0]);
            } catch (RuntimeException e) {
                failures.add("#" + i + " " + g.kind() + ": no answer (" + e.getMessage() + ")");
                continue;
            }
            String problem = check(res, g, victim);
            if (problem != null) {
                failures.add("#" + i + " " + g.kind() + " " + g.method() + " " + abbreviate(g.path()) + " -> " + res.status()
                        + ": " + problem + " | " + abbreviate(res.body()));
            }
        }
        String context = "seed " + seed + " (rerun with -Ddaybook.hostile.seed=" + seed + "), requests by kind " + byKind;
        assertThat(failures).as(context).isEmpty();
        assertThat(records(victims)).as(context + ": the victim's job records").isEqualTo(before);
        assertThat(files()).as(context + ": stored files").isEqualTo(filesBefore);
        System.out.printf("hostile status suite: %d requests, seed %d, by kind %s%n", REQUESTS, seed, byKind);
    }

    record Generated(String kind, String method, String path, Map<String, byte[]> headers, boolean reachesVictim) {
    }

    private static Generated generate(Random random, String victim) {
        String attacker = "mallory-" + random.nextInt(5);
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", bearer(ATTACKERS.computeIfAbsent(attacker, TOKENS::user)));
        List<String> ids = Hostile.ids(victim);
        String id = random.nextInt(4) == 0 ? victim : Hostile.pick(random, ids);
        String idPath = id.equals(victim) ? id : id.replace(" ", "%20");
        String sub = Hostile.pick(random, List.of("", "/transcript", "/note", "/audio", "/events", "/x"));
        return switch (random.nextInt(8)) {
            case 0, 1 -> new Generated("id", Hostile.pick(random, List.of("GET", "GET", "DELETE", "HEAD")),
                    "/v1/jobs/" + idPath + sub, headers, id.equals(victim));
            case 2 -> new Generated("method", Hostile.pick(random, Hostile.METHODS), "/v1/jobs/" + idPath + sub, headers,
                    id.equals(victim));
            case 3 -> {
                String base = Hostile.pick(random, List.of("/v1/jobs", "/v1/jobs/" + idPath,
                        "/v1/jobs/" + idPath + "/transcript", "/v1/jobs/" + idPath + "/note"));
                String query = Hostile.pick(random, List.of("wait", "limit", "cursor", "status", "format", "offset")) + "="
                        + URLEncoder.encode(Hostile.pick(random, Hostile.STRINGS), StandardCharsets.UTF_8);
                yield new Generated("query", "GET", base + "?" + query, headers, id.equals(victim) && !base.equals("/v1/jobs"));
            }
            case 4 -> {
                headers.put(Hostile.pick(random, List.of("Accept", "If-None-Match", "Last-Event-ID", "Range", "Accept-Encoding")),
                        Hostile.pick(random, Hostile.STRINGS).replaceAll("[\\r\\n]", "").getBytes(StandardCharsets.UTF_8));
                yield new Generated("header", "GET", "/v1/jobs/" + idPath + sub, headers, id.equals(victim));
            }
            case 5 -> {
                headers.put("Authorization", Hostile.ascii(Hostile.pick(random, List.of("", "Bearer", "Bearer x.y.z",
                        "Basic YWRtaW46YWRtaW4=", "Bearer " + algNone("victim"),
                        "Bearer " + TestTokens.foreign("victim")))));
                yield new Generated("token", "GET", "/v1/jobs/" + victim + sub, headers, false);
            }
            case 6 -> {
                headers.put("Authorization", bearer(TOKENS.admin("ops")));
                String adminPath = Hostile.pick(random, List.of("/v1/admin/dead-letters/" + idPath + "/retry",
                        "/v1/admin/dead-letters/" + idPath, "/v1/admin/queues", "/v1/admin/dead-letters?limit="
                                + URLEncoder.encode(Hostile.pick(random, Hostile.STRINGS), StandardCharsets.UTF_8),
                        "/v1/admin/workers", "/v1/admin/nothing"));
                yield new Generated("admin", Hostile.pick(random, List.of("GET", "POST", "DELETE", "PUT")), adminPath,
                        headers, false);
            }
            default -> new Generated("path", Hostile.pick(random, Hostile.METHODS), Hostile.pick(random, List.of(
                    "/v1/jobs/", "/v1//jobs", "/v1/jobs/..;/admin/queues", "/v1/admin/../jobs", "/v1/jobs%2f" + victim,
                    "/actuator/env", "/actuator/heapdump", "/actuator/threaddump", "/error", "/index.html/..%2f..%2fetc",
                    "/%2e%2e/%2e%2e/etc/passwd", "/" + "a/".repeat(400), "/pages/config.json", "/v1/exports/" + idPath,
                    "/v1/admin/queues")), headers, false);
        };
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    private static String check(RawHttp.Response res, Generated g, String victim) {
        if (res.status() >= 500) {
            return "a server error";
        }
        if (g.reachesVictim() && res.status() < 400 && !g.method().equals("OPTIONS")) {
            return "another user's job answered";
        }
        if (res.status() < 400 || g.method().equals("HEAD")) {
            return null;
        }
        String type = res.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not problem+json but " + type;
        }
        JsonNode body;
        try {
            body = JSON.readTree(res.body());
        } catch (RuntimeException e) {
            return "unreadable problem";
        }
        if (!body.path("code").asString("").matches("[a-z][a-z_]{2,40}")) {
            return "no stable code";
        }
        if (res.body().matches("(?s).*(java\\.|jakarta\\.|springframework|Exception|tools\\.jackson).*")) {
            return "names a Java type";
        }
        return null;
    }

    private Map<String, Map<String, String>> records(List<String> ids) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, redis.hgetAll(keys.job(id))));
        return out;
    }

    private static long files() {
        try (Stream<java.nio.file.Path> s = Files.walk(STORAGE)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String algNone(String sub) {
        return new com.nimbusds.jwt.PlainJWT(new com.nimbusds.jose.PlainHeader(), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .subject(sub).audience("daybook").expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000))
                .claim("roles", List.of("admin")).build()).serialize();
    }

    private static byte[] bearer(String token) {
        return Hostile.ascii("Bearer " + token);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}

package dev.daybook.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.queue.RedisKeys;
import dev.daybook.shared.testing.Hostile;
import dev.daybook.shared.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import tools.jackson.databind.JsonNode;

/**
 * Generated hostile requests against the real service on a raw socket: every audio format of the test data
 * cut and byte-flipped at random points, broken multipart and JSON, SSRF forms as {@code audio_url} and
 * {@code callback_url}, odd methods, paths, headers and encodings. Whatever comes in: no 5xx, every 4xx a
 * problem with a stable code, and nothing left behind except the jobs the service accepted (each exactly
 * once: one record, one stored recording, one stream entry). Seeded: a failure prints its seed; rerun with
 * {@code -Ddaybook.hostile.seed=N}. A failure's message leads with its first bad answer and the causes the server
 * logged, since CI shows only the message's first line.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputSuiteTest extends IngestionTestBase {

    static final int REQUESTS = Integer.getInteger("daybook.hostile.ingestion-requests", 420);
    static final List<String> FORMATS = List.of("entry1.wav", "entry1.mp3", "entry1.ogg", "entry1.flac", "entry1.m4a",
            "entry2.webm", "too-short-0.3s.wav");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("daybook.ingestion.admission.tiers.standard", () -> "100000/1m");
        registry.add("daybook.ingestion.admission.tiers.premium", () -> "100000/1m");
    }

    @Autowired
    UnifiedJedis jedis;
    @Autowired
    RedisKeys keys;

    record Request(String kind, byte[] head, byte[] body, boolean head_) {
    }

    @Test
    void noHostileRequestGetsA5xxOrAProblemWithoutACodeOrLeavesAnythingBehind(CapturedOutput log) throws IOException {
        long seed = Hostile.seed();
        Random random = new Random(seed);
        Map<String, byte[]> audio = new LinkedHashMap<>();
        for (String f : FORMATS) {
            audio.put(f, Files.readAllBytes(DIARY.resolve(f)));
        }
        Set<String> accepted = new HashSet<>();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Request r = generate(random, audio, i);
            byKind.merge(r.kind(), 1, Integer::sum);
            RawHttp.Response res;
            try {
                res = RawHttp.send(port, r.head(), r.body());
            } catch (RuntimeException e) {
                failures.add("#" + i + " " + r.kind() + ": no answer (" + e.getMessage() + ")");
                continue;
            }
            String problem = check(res, r.head_(), r.kind().equals("header Transfer-Encoding"));
            if (problem != null) {
                failures.add("#" + i + " " + r.kind() + " -> " + res.status() + ": " + problem + " | "
                        + firstLine(r.head()) + " | " + abbreviate(res.body()));
            } else if (res.status() == 202) {
                accepted.add(JSON.readTree(res.body()).path("id").asString());
            }
        }
        String context = "seed " + seed + " (rerun with -Ddaybook.hostile.seed=" + seed + "), requests by kind " + byKind;
        assertThat(failures).as(() -> failures.size() + " bad answers, the first: " + failures.getFirst()
                + "; the server logged " + loggedCauses(log.getAll()) + "; " + context).isEmpty();

        // nothing left behind: what exists is exactly what was accepted
        assertThat(filesUnder("spool")).as(context + ": spool files").isZero();
        assertThat(filesUnder("multipart")).as(context + ": multipart temp files").isZero();
        // each accepted job keeps its original and the decoded copy transcription reads; nobody else keeps any
        assertThat(jobsWithFilesUnder("storage")).as(context + ": jobs with stored blobs")
                .containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(filesUnder("storage")).as(context + ": stored blobs").isEqualTo(2L * accepted.size());
        assertThat(jobRecords()).as(context + ": job records").containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(streamEntries()).as(context + ": stream entries").isEqualTo(accepted.size());
        System.out.printf("hostile ingestion suite: %d requests, %d accepted, seed %d, by kind %s%n",
                REQUESTS, accepted.size(), seed, byKind);
    }

    /** The distinct causes of the server errors in its log (root causes of unexpected failures), a few of them. */
    static List<String> loggedCauses(String log) {
        Set<String> causes = new java.util.LinkedHashSet<>();
        String[] lines = log.split("\\R");
        for (int i = 0; i < lines.length && causes.size() < 3; i++) {
            int decoder = lines[i].indexOf("no audio decoder for ");
            if (decoder >= 0) { // ProblemAdvice's one line for a server with no ffmpeg
                causes.add(lines[i].substring(decoder));
                continue;
            }
            if (!lines[i].contains("unexpected failure")) {
                continue;
            }
            String cause = null;
            for (int j = i + 1; j < lines.length && j < i + 400 && !lines[j].contains("unexpected failure"); j++) {
                String line = lines[j].strip();
                if (line.startsWith("Caused by: ")) {
                    cause = line.substring("Caused by: ".length());
                } else if (cause == null && line.matches("[\\w.$]+(Exception|Error)(: .*)?")) {
                    cause = line;
                }
            }
            if (cause != null) {
                causes.add(cause);
            }
        }
        return List.copyOf(causes);
    }

    /**
     * Null when the answer is acceptable, else what is wrong with it. The one 5xx allowed is Tomcat's 501 for a
     * transfer coding it does not implement, which RFC 9112 (section 6.1) asks for — still as a problem.
     */
    private static String check(RawHttp.Response res, boolean head, boolean unknownTransferCoding) {
        if (res.status() >= 500 && !(res.status() == 501 && unknownTransferCoding)) {
            return "a server error";
        }
        if (res.status() < 400 || head) {
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
        String code = body.path("code").asString("");
        if (!code.matches("[a-z][a-z_]{2,40}")) {
            return "no stable code";
        }
        if (res.body().matches("(?s).*(java\\.|jakarta\\.|springframework|Exception|tools\\.jackson).*")) {
            return "names a Java type";
        }
        return null;
    }

    private Request generate(Random random, Map<String, byte[]> audio, int i) {
        String user = "hostile-" + random.nextInt(40);
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> mangledAudio(random, audio, user);
            case 3 -> brokenMultipart(random, user);
            case 4, 5 -> hostileJson(random, user);
            case 6 -> hostileFields(random, audio, user);
            case 7 -> methodsAndPaths(random, user);
            default -> headersAndEncodings(random, audio, user, i);
        };
    }

    private static Request mangledAudio(Random random, Map<String, byte[]> audio, String user) {
        String name = Hostile.pick(random, List.copyOf(audio.keySet()));
        byte[] bytes = Hostile.mangle(random, audio.get(name));
        return multipart("mangled " + name.substring(name.indexOf('.') + 1), user, bytes, name, Map.of(), Map.of());
    }

    private static Request hostileFields(Random random, Map<String, byte[]> audio, String user) {
        Map<String, String> fields = new LinkedHashMap<>();
        String field = Hostile.pick(random, List.of("language", "priority", "recorded_at", "callback_url"));
        fields.put(field, field.equals("callback_url") && random.nextBoolean()
                ? Hostile.pick(random, Hostile.SSRF_URLS) : Hostile.pick(random, Hostile.STRINGS));
        return multipart("field " + field, user, audio.get("too-short-0.3s.wav"), "a.wav", fields, Map.of());
    }

    private static Request brokenMultipart(Random random, String user) {
        String b = "XyZ" + random.nextInt(1000);
        List<String> bodies = List.of(
                "", "--" + b + "--\r\n", "--" + b + "\r\n\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"audio\"\r\n\r\nnot a file\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"../../etc/passwd\"\r\n\r\nRIFF\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\nContent-Transfer-Encoding: base64\r\n\r\nUklGRg==\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"" + "n".repeat(20_000) + "\"\r\n\r\nx\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + b + "--\r\n",
                "--" + b + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n\r\nRIFF",
                "--other\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"a.wav\"\r\n\r\nx\r\n--other--\r\n",
                "garbage without any boundary at all");
        String type = Hostile.pick(random, List.of("multipart/form-data; boundary=" + b, "multipart/form-data",
                "multipart/form-data; boundary=", "multipart/form-data; boundary=\"" + b + "\"; charset=utf-7",
                "multipart/mixed; boundary=" + b, "multipart/form-data; boundary=" + "x".repeat(200)));
        byte[] body = Hostile.ascii(Hostile.pick(random, bodies));
        return post("broken multipart", user, type, body, Map.of());
    }

    private static Request hostileJson(Random random, String user) {
        String url = Hostile.pick(random, Hostile.SSRF_URLS);
        String s = Hostile.pick(random, Hostile.STRINGS).replace("\\", "\\\\").replace("\"", "\\\"");
        List<String> bodies = List.of(
                "{\"audio_url\":\"" + jsonEscape(url) + "\"}",
                "{\"audio_url\":\"https://example.com/a.wav\",\"callback_url\":\"" + jsonEscape(url) + "\"}",
                "{\"audio_url\":\"gs://bucket/a.wav\",\"language\":\"" + jsonEscape(s) + "\"}",
                "{\"audio_url\":" + Hostile.pick(random, List.of("1", "true", "null", "[]", "{}", "1e999", "\"\"")) + "}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"audio_url\":\"x\",\"audio_url\":\"y\"}",
                "{\"priority\":\"high\",\"audio_url\":\"gs://b/a.wav\",\"extra\":" + "9".repeat(5000) + "}",
                "{\"audio_url\":\"\\ud800\"}", "{", "", "null", "\"just a string\"", "{\"audio_url\":\"gs://b/a\"}garbage");
        byte[] body = random.nextInt(8) == 0
                ? Hostile.randomBytes(random, 2000)
                : Hostile.pick(random, bodies).getBytes(StandardCharsets.UTF_8);
        String type = Hostile.pick(random, List.of("application/json", "application/json; charset=utf-16",
                "application/json; charset=evil", "application/json;;;", "text/json", "application/x-www-form-urlencoded"));
        return post("json", user, type, body, Map.of());
    }

    private static Request methodsAndPaths(Random random, String user) {
        String method = Hostile.pick(random, Hostile.METHODS);
        String path = Hostile.pick(random, List.of("/v1/jobs", "/v1/jobs/", "/v1/jobs/x", "/v1//jobs", "/v1/jobs/..;/x",
                "/v1/jobs%2f", "/v1/%2e%2e/jobs", "/v1/jobs?x=" + "a".repeat(3000), "/v1/jobs;a=b", "/V1/JOBS",
                "/v1/jobs/%00", "/actuator/env", "/actuator/heapdump", "/actuator/health/../env", "/error",
                "/v3/api-docs", "/" + "a/".repeat(500), "/v1/jobs/%F0%9F%98%80", "/v1/jobs/%ZZ", "*"));
        byte[] body = random.nextBoolean() ? new byte[0] : Hostile.ascii("{}");
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", bearer(user));
        headers.put("Content-Type", Hostile.ascii("application/json"));
        return new Request(method + " path", RawHttp.head(method + " " + path + " HTTP/1.1", headers, body.length),
                body, method.equals("HEAD"));
    }

    private static Request headersAndEncodings(Random random, Map<String, byte[]> audio, String user, int i) {
        Map<String, byte[]> extra = new LinkedHashMap<>();
        switch (random.nextInt(7)) {
            case 0 -> extra.put("Idempotency-Key", random.nextBoolean()
                    ? Hostile.pick(random, Hostile.STRINGS).getBytes(StandardCharsets.UTF_8)
                    : Hostile.ascii("key-" + random.nextInt(5)));
            case 1 -> extra.put("Accept", Hostile.ascii(Hostile.pick(random, List.of("text/html", "image/png",
                    "application/xml", "*/*;q=0", "application/json;q=abc", "x".repeat(5000), ""))));
            case 2 -> extra.put("Content-Encoding", Hostile.ascii(Hostile.pick(random, List.of("gzip", "br", "deflate, gzip", "evil"))));
            case 3 -> extra.put("Authorization", Hostile.ascii(Hostile.pick(random, List.of("", "Bearer", "Bearer ",
                    "Basic YWRtaW46YWRtaW4=", "Bearer a.b.c", "Bearer " + "x".repeat(9000), "bearer eyJhbGciOiJub25lIn0.e30."))));
            case 4 -> extra.put("X-Forwarded-For", Hostile.ascii("127.0.0.1, 10.0.0." + i));
            case 5 -> extra.put("Expect", Hostile.ascii("100-continue"));
            default -> extra.put("Transfer-Encoding", Hostile.ascii("identity"));
        }
        byte[] file = random.nextBoolean() ? audio.get("too-short-0.3s.wav") : audio.get("entry1.ogg");
        return multipart("header " + extra.keySet().iterator().next(), user, file, "a.ogg", Map.of(), extra);
    }

    private static Request multipart(String kind, String user, byte[] file, String filename, Map<String, String> fields,
                                     Map<String, byte[]> headers) {
        String b = "----daybookhostile";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            out.writeBytes(Hostile.ascii("--" + b + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"));
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(Hostile.ascii("\r\n"));
        });
        out.writeBytes(Hostile.ascii("--" + b + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        out.writeBytes(file);
        out.writeBytes(Hostile.ascii("\r\n--" + b + "--\r\n"));
        return post(kind, user, "multipart/form-data; boundary=" + b, out.toByteArray(), headers);
    }

    private static Request post(String kind, String user, String contentType, byte[] body, Map<String, byte[]> extra) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("Authorization", bearer(user));
        headers.put("Content-Type", Hostile.ascii(contentType));
        headers.putAll(extra);
        return new Request(kind, RawHttp.head("POST /v1/jobs HTTP/1.1", headers, body.length), body, false);
    }

    private Set<String> jobRecords() {
        Set<String> ids = new HashSet<>();
        String prefix = keys.job("");
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
            page.getResult().stream().filter(k -> !k.substring(prefix.length()).contains(":"))
                    .forEach(k -> ids.add(k.substring(prefix.length())));
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return ids;
    }

    private long streamEntries() {
        long total = 0;
        for (dev.daybook.shared.jobs.Priority p : dev.daybook.shared.jobs.Priority.values()) {
            total += jedis.xlen(keys.stream("transcribe", p));
        }
        return total;
    }

    private static byte[] bearer(String user) {
        return Hostile.ascii("Bearer " + token(user, "standard"));
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String firstLine(byte[] head) {
        String s = new String(head, StandardCharsets.ISO_8859_1);
        return abbreviate(s.substring(0, s.indexOf("\r\n")));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}

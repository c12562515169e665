package dev.daybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daybook.shared.audio.Ffmpeg;
import dev.daybook.shared.auth.DevTokens;
import dev.daybook.shared.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests broken below the application — a query string that does not percent-decode, a request line or
 * transfer coding the server does not speak — on the real container and filter chain: each is a problem with a
 * code of its own, and none leaves a stack trace in the log (issue 20).
 */
@SpringBootTest(classes = MalformedRequestsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path dir;
    private static RSAPrivateKey key;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("daybook-malformed");
        key = DevTokens.ensureKeys(dir.resolve("private.pem"), dir.resolve("public.pem"));
        registry.add("daybook.auth.public-key-location", () -> dir.resolve("public.pem").toString());
        registry.add("daybook.auth.public-paths", () -> "/public");
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("/public?x=%zz", false),
                Arguments.of("/public?cursor=%%%", false),
                Arguments.of("/public?x=ok&y=%4", false),
                Arguments.of("/public?%zz=1", false),
                Arguments.of("/v1/echo?x=%zz", true),
                Arguments.of("/v1/echo?x=ok&cursor=%%%", true),
                Arguments.of("/v1/echo?x=%zz", false),
                Arguments.of("/nowhere?x=%zz", true));
    }

    @ParameterizedTest(name = "{0} (token: {1})")
    @MethodSource("malformedQueries")
    void aQueryStringThatDoesNotDecodeIsA400InOneLogLineAtMost(String target, boolean token, CapturedOutput log)
            throws Exception {
        RawHttp.send(port, RawHttp.head("GET /public HTTP/1.1", Map.of(), -1), new byte[0]); // servlet's first-use lines
        int before = log.getAll().length();
        Map<String, byte[]> headers = token
                ? Map.of("Authorization", ("Bearer " + token()).getBytes(StandardCharsets.US_ASCII)) : Map.of();
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("GET " + target + " HTTP/1.1", headers, -1), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertProblem(r, "malformed_query");
        String logged = log.getAll().substring(before);
        assertThat(logged).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(logged.lines().count()).isLessThanOrEqualTo(1);
    }

    @Test
    void aFormBodyThatDoesNotDecodeIsA400Too(CapturedOutput log) throws Exception {
        int before = log.getAll().length();
        byte[] body = "x=%zz".getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("POST /v1/echo HTTP/1.1", Map.of(
                "Authorization", ("Bearer " + token()).getBytes(StandardCharsets.US_ASCII),
                "Content-Type", "application/x-www-form-urlencoded".getBytes(StandardCharsets.US_ASCII)), body.length), body);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertProblem(r, "invalid_request");
        assertThat(log.getAll().substring(before)).doesNotContain("\tat ");
    }

    @Test
    void onlyCompleteEscapesOfUtf8Decode() {
        assertThat(MalformedQueryFilter.decodes("x=%C3%BC&y=a+b&z=%2F")).isTrue();
        assertThat(MalformedQueryFilter.decodes("x=1&y")).isTrue();
        assertThat(MalformedQueryFilter.decodes("x=%")).isFalse();
        assertThat(MalformedQueryFilter.decodes("x=%4")).isFalse();
        assertThat(MalformedQueryFilter.decodes("x=%g0")).isFalse();
        assertThat(MalformedQueryFilter.decodes("x=%ff")).isFalse();
        assertThat(MalformedQueryFilter.decodes("x=%C3")).isFalse();
    }

    static Stream<Arguments> refusedByTheProtocol() {
        return Stream.of(
                Arguments.of("GET /public HTTP/1.2", Map.of(), 505, "http_version_not_supported"),
                Arguments.of("CONNECT localhost:443 HTTP/1.1", Map.of(), 501, "not_implemented"),
                Arguments.of("POST /public HTTP/1.1", Map.of("Transfer-Encoding", "gzip".getBytes(StandardCharsets.US_ASCII)),
                        501, "not_implemented"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("refusedByTheProtocol")
    void whatTheServerDoesNotSpeakIsSaidSoNotCalledAnInternalError(String requestLine, Map<String, byte[]> headers,
                                                                   int status, String code) {
        RawHttp.Response r = RawHttp.send(port, RawHttp.head(requestLine, headers, -1), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode problem = assertProblem(r, code);
        assertThat(problem.path("detail").asString()).doesNotContain("unexpected");
    }

    @Test
    void aServerWithoutAnAudioDecoderAnswers503WithACodeOfItsOwnInOneLogLine(CapturedOutput log) throws Exception {
        int before = log.getAll().length();
        RawHttp.Response r = RawHttp.send(port, RawHttp.head("POST /v1/decode HTTP/1.1", Map.of(
                "Authorization", ("Bearer " + token()).getBytes(StandardCharsets.US_ASCII)), 0), new byte[0]);

        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.header("retry-after")).isEqualTo("300");
        JsonNode problem = assertProblem(r, "decoder_unavailable");
        assertThat(problem.path("detail").asString()).contains("WAV").doesNotContain("unexpected");
        String logged = log.getAll().substring(before);
        assertThat(logged).contains("no audio decoder for POST /v1/decode").contains("libpulse.so.0: cannot open")
                .doesNotContain("\tat ");
    }

    private static JsonNode assertProblem(RawHttp.Response r, String code) {
        assertThat(r.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(r.body()).doesNotContainPattern("java\\.|jakarta\\.|springframework|Exception|tomcat");
        return problem;
    }

    private static String token() throws Exception {
        return DevTokens.token(key, "alice", List.of(), "standard", Instant.now(), Duration.ofMinutes(5));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"dev.daybook.shared.boot.DaybookAutoConfiguration",
            "dev.daybook.shared.boot.WorkerAutoConfiguration"}) // no Redis needed to parse requests
    @Import(Endpoints.class)
    static class App {
    }

    @RestController
    static class Endpoints {
        @GetMapping("/v1/echo")
        String echo(@RequestParam(required = false) String x) {
            return "x=" + x;
        }

        @PostMapping("/v1/echo")
        String echoForm(@RequestParam(required = false) String x) {
            return "x=" + x;
        }

        @PostMapping("/v1/decode") // as AudioValidator fails on a machine with no ffmpeg and no libpulse0
        String decode() {
            throw new Ffmpeg.Unavailable("no ffmpeg on PATH and the bundled org.bytedeco:ffmpeg could not be loaded",
                    new UnsatisfiedLinkError("libjniavdevice.so: libpulse.so.0: cannot open shared object file"));
        }

        @GetMapping("/public")
        String open() {
            return "open";
        }
    }
}

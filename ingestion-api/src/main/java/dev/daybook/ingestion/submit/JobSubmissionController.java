package dev.daybook.ingestion.submit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.daybook.ingestion.source.Spool;
import dev.daybook.ingestion.source.UrlAudioSource;
import dev.daybook.ingestion.web.ApiException;
import dev.daybook.shared.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dev.daybook.shared.audio.validation.AudioLimits;
import dev.daybook.ingestion.source.SpooledAudio;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import dev.daybook.shared.net.UrlGuard;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/jobs}: a recording as a multipart upload, or an {@code audio_url} in JSON; or a typed entry,
 * as {@code text} in JSON or a {@code text/plain} body (its fields then in the query string).
 */
@RestController
@ApiResponse(responseCode = "202", description = "accepted and queued for transcription; Location names the job")
@ApiResponse(responseCode = "400", description = "invalid_request", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "missing or invalid bearer token", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "413", description = "audio_too_large, or text_too_large for a typed entry", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "415", description = "unsupported_format", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "422", description = "corrupt_audio, audio_too_short, audio_too_long, silent_audio or unsupported_language (no running transcription worker transcribes the given language)", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "429", description = "rate_limited, with Retry-After and RateLimit-* headers", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "503", description = "backlog_full, with Retry-After; or decoder_unavailable (no ffmpeg on this server: only 16 kHz mono WAV can be taken), with Retry-After", content = @Content(mediaType = "application/problem+json"))
class JobSubmissionController {

    private final SubmitJob submitJob;
    private final Spool spool;
    private final UrlAudioSource urls;
    private final Clock clock;
    private final UrlGuard callbacks;
    private final AudioLimits limits;
    private final SubmissionMetrics metrics;

    JobSubmissionController(SubmitJob submitJob, Spool spool, UrlAudioSource urls, Clock clock,
                            CallbackProperties callbackProperties, AudioLimits limits, SubmissionMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
        this.callbacks = callbackProperties.guard();
        this.submitJob = submitJob;
        this.spool = spool;
        this.urls = urls;
        this.clock = clock;
    }

    /** The form fields of an upload; each may also come in the query string. */
    private static final Set<String> FIELDS = Set.of("language", "priority", "recorded_at", "callback_url");

    /** The multipart form as the OpenAPI document shows it; the body itself is read by {@link MultipartUpload}. */
    @Schema(name = "UploadForm")
    record UploadForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String audio,
                      String language, @Schema(allowableValues = {"high", "normal", "low"}) String priority,
                      @JsonProperty("recorded_at") String recordedAt, @JsonProperty("callback_url") String callbackUrl) {
    }

    @Operation(summary = "Submit a recording by upload",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class))))
    @PostMapping(path = "/v1/jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmittedJob> upload(@Parameter(hidden = true) HttpServletRequest request,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                        Authentication authentication) {
        // the body is parsed here, in one pass into the spool (multipart support is off in application.yml)
        MultipartUpload.Parsed upload = metrics.time("spool",
                () -> MultipartUpload.read(request, spool, limits.maxSize().toBytes(), FIELDS));
        try (SpooledAudio audio = upload.audio()) {
            Map<String, String> f = upload.fields();
            SubmissionForm form = SubmissionForm.parse(f.get("language"), f.get("priority"), f.get("recorded_at"),
                    f.get("callback_url"), clock, callbacks);
            return accepted(submitJob.submit(Caller.from(authentication), audio, form, idempotencyKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON body of a submission by URL, or of a typed entry ({@code text}): one of the two. */
    record UrlSubmission(@JsonProperty("audio_url") String audioUrl, String language, String priority,
                         @JsonProperty("recorded_at") String recordedAt, @JsonProperty("callback_url") String callbackUrl,
                         String text) {
    }

    @Operation(summary = "Submit a recording by URL (gs:// or an allowlisted https:// host), or a typed entry (text)")
    @PostMapping(path = "/v1/jobs", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmittedJob> byUrl(@RequestBody UrlSubmission body,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                  Authentication authentication) {
        if (body != null && body.text() != null) {
            if (body.audioUrl() != null) {
                throw ApiException.invalid("send either text or audio_url, not both");
            }
            TypedEntry entry = TypedEntry.of(body.text());
            SubmissionForm form = SubmissionForm.parse(body.language(), body.priority(), body.recordedAt(),
                    body.callbackUrl(), clock, callbacks);
            return accepted(submitJob.submitText(Caller.from(authentication), entry, form, idempotencyKey));
        }
        if (body == null || body.audioUrl() == null || body.audioUrl().isBlank()) {
            throw ApiException.invalid("audio_url or text is required");
        }
        SubmissionForm form = SubmissionForm.parse(body.language(), body.priority(), body.recordedAt(), body.callbackUrl(), clock,
                callbacks);
        SubmitJob.AudioInput input = max -> urls.fetch(body.audioUrl(), max);
        return accepted(submitJob.submit(Caller.from(authentication), body.audioUrl(), input, form, idempotencyKey));
    }

    @Operation(summary = "Submit a typed entry as text/plain (UTF-8, at most 64 KB); language, priority, "
            + "recorded_at and callback_url in the query string")
    @PostMapping(path = "/v1/jobs", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmittedJob> typed(@Parameter(hidden = true) HttpServletRequest request,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                       Authentication authentication) {
        TypedEntry entry = TypedEntry.of(readText(request));
        SubmissionForm form = SubmissionForm.parse(request.getParameter("language"), request.getParameter("priority"),
                request.getParameter("recorded_at"), request.getParameter("callback_url"), clock, callbacks);
        return accepted(submitJob.submitText(Caller.from(authentication), entry, form, idempotencyKey));
    }

    /** The body as UTF-8, read no further than one byte past the limit. */
    private static String readText(HttpServletRequest request) {
        if (request.getContentLengthLong() > TypedEntry.MAX_BYTES) {
            throw TypedEntry.tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(TypedEntry.MAX_BYTES + 1);
            if (body.length > TypedEntry.MAX_BYTES) {
                throw TypedEntry.tooLarge();
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<SubmittedJob> accepted(SubmitJob.Submitted submitted) {
        return ResponseEntity.accepted()
                .location(URI.create(submitted.job().job().links().self()))
                .header("Idempotent-Replayed", Boolean.toString(!submitted.created()))
                .body(submitted.job());
    }
}

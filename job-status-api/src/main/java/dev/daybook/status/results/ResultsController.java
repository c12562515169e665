package dev.daybook.status.results;

import dev.daybook.shared.note.Note;
import dev.daybook.shared.note.NoteMarkdown;
import dev.daybook.shared.transcript.Subtitles;
import dev.daybook.shared.transcript.Transcript;
import java.nio.charset.StandardCharsets;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.jobs.JobFields;
import dev.daybook.status.problem.ApiProblem;
import dev.daybook.status.jobs.OwnedJobs;
import dev.daybook.shared.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's results: the transcript (JSON as stored, or rendered as text, WebVTT, SRT), the note (JSON as
 * stored, or Markdown) and the original recording, streamed from whichever tier holds it.
 */
@RestController
@RequestMapping("/v1/jobs/{id}")
class ResultsController {

    private static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final OwnedJobs jobs;
    private final JobBlobs blobs;
    private final JsonMapper json;

    ResultsController(OwnedJobs jobs, JobBlobs blobs, JsonMapper json) {
        this.jobs = jobs;
        this.blobs = blobs;
        this.json = json;
    }

    @GetMapping("/transcript")
    @Operation(summary = "The transcript: JSON, text/plain, text/vtt or application/x-subrip (Accept or ?format=json|txt|vtt|srt)")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Transcript.class)),
            @Content(mediaType = "text/plain"), @Content(mediaType = "text/vtt"),
            @Content(mediaType = "application/x-subrip")})
    ResponseEntity<byte[]> transcript(@PathVariable String id, @RequestParam(required = false) String format,
                                      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                      Authentication auth) {
        TranscriptFormat chosen = TranscriptFormat.choose(format, accept);
        Job job = jobs.require(Caller.from(auth), id);
        byte[] stored = blobs.read(job, JobFields.TRANSCRIPT_KEY, "transcript");
        byte[] body = switch (chosen) {
            case JSON -> stored;
            case TEXT -> utf8(json.readValue(stored, Transcript.class).text().strip() + "\n");
            case VTT -> utf8(Subtitles.webVtt(json.readValue(stored, Transcript.class)));
            case SRT -> utf8(Subtitles.srt(json.readValue(stored, Transcript.class)));
        };
        return ResponseEntity.ok().contentType(chosen.mediaType()).body(body);
    }

    @GetMapping("/note")
    @Operation(summary = "The note: JSON or text/markdown (Accept or ?format=json|md)")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Note.class)),
            @Content(mediaType = "text/markdown")})
    ResponseEntity<byte[]> note(@PathVariable String id, @RequestParam(required = false) String format,
                                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                Authentication auth) {
        boolean markdown = format != null ? isMarkdown(format) : accept != null && accept.contains("text/markdown");
        Job job = jobs.require(Caller.from(auth), id);
        byte[] stored = blobs.read(job, JobFields.NOTE_KEY, "note");
        if (!markdown) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stored);
        }
        return ResponseEntity.ok().contentType(MARKDOWN)
                .body(utf8(NoteMarkdown.render(json.readValue(stored, Note.class))));
    }

    @GetMapping("/audio")
    @Operation(summary = "The original recording, streamed from whichever storage tier holds it; a Range request "
            + "gets 206 with those bytes (players seek with it)")
    ResponseEntity<Resource> audio(@PathVariable String id, Authentication auth) {
        Job job = jobs.require(Caller.from(auth), id);
        AudioTypes.AudioType type = AudioTypes.of(job.field(JobFields.AUDIO_REPORT), json);
        JobBlobs.Blob blob = blobs.open(job, JobFields.AUDIO_KEY, "audio");
        String name = id + "." + type.extension();
        // Content-Length comes from the resource: the whole file, or the range asked for
        return ResponseEntity.ok()
                .contentType(type.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new BlobResource(name, blob, () -> blobs.open(job, JobFields.AUDIO_KEY, "audio").content()));
    }

    private static boolean isMarkdown(String format) {
        return switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "md", "markdown" -> true;
            case "json" -> false;
            default -> throw ApiProblem.badRequest("format must be json or md");
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

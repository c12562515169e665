package dev.daybook.status.jobs;

import dev.daybook.shared.jobs.JobView;
import java.time.Duration;
import java.util.List;

import dev.daybook.shared.jobs.JobStatus;
import dev.daybook.status.jobs.JobRenderer.Rendered;
import dev.daybook.status.problem.ApiProblem;
import dev.daybook.shared.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Status polling, listing and deletion of the caller's own jobs. */
@RestController
@RequestMapping("/v1/jobs")
class JobController {

    static final int MAX_WAIT_S = 60;

    private final OwnedJobs jobs;
    private final JobRenderer renderer;
    private final JobWatch watch;
    private final JobListing listing;
    private final JobEraser eraser;

    JobController(OwnedJobs jobs, JobRenderer renderer, JobWatch watch, JobListing listing, JobEraser eraser) {
        this.jobs = jobs;
        this.renderer = renderer;
        this.watch = watch;
        this.listing = listing;
        this.eraser = eraser;
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job's status; ?wait=N (<= 60 s) long-polls until it differs from If-None-Match")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "304", description = "unchanged (If-None-Match names the current ETag)")
    @ApiResponse(responseCode = "404", description = "no such job, or another user's")
    ResponseEntity<byte[]> get(@PathVariable String id, @RequestParam(required = false) Integer wait,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                               Authentication auth) throws InterruptedException {
        Caller caller = Caller.from(auth);
        Rendered job = wait == null || wait == 0
                ? renderer.render(jobs.require(caller, id))
                : watch.await(caller, id, ifNoneMatch, Duration.ofSeconds(checkWait(wait)));
        if (job.matches(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(job.etag()).build();
        }
        return ResponseEntity.ok().eTag(job.etag()).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .contentType(MediaType.APPLICATION_JSON).body(job.body());
    }

    record JobList(List<ListedJob> jobs, String nextCursor) {
    }

    @GetMapping
    @Operation(summary = "The caller's jobs, newest first (order=created, the default: by upload; order=date: by the "
            + "entry's date, recorded_at when given); each with `entry`: date, title, mood, duration_s, "
            + "word_count (typed entries), excerpt (the first words)")
    JobList list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "20") int limit,
                 @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "created") String order,
                 Authentication auth) {
        if (!order.equals("created") && !order.equals("date")) {
            throw ApiProblem.badRequest("order must be created or date");
        }
        boolean byDate = order.equals("date");
        if (limit < 1 || limit > JobListing.MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + JobListing.MAX_LIMIT);
        }
        JobStatus filter = status == null || status.isBlank() ? null : parseStatus(status);
        ListCursor after = cursor == null || cursor.isBlank() ? null : ListCursor.decode(cursor, byDate);
        JobListing.Page page = listing.list(Caller.from(auth).userId(), filter, limit, after, byDate);
        return new JobList(page.jobs().stream().map(ListedJob::of).toList(),
                page.next() == null ? null : page.next().encode());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        eraser.erase(jobs.require(Caller.from(auth), id));
        return ResponseEntity.noContent().build();
    }

    private static int checkWait(int wait) {
        if (wait < 0 || wait > MAX_WAIT_S) {
            throw ApiProblem.badRequest("wait must be between 0 and " + MAX_WAIT_S + " seconds");
        }
        return wait;
    }

    private static JobStatus parseStatus(String status) {
        try {
            return JobStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("unknown status " + status);
        }
    }
}

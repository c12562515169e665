package dev.daybook.status.events;

import java.time.Instant;
import java.util.regex.Pattern;

import dev.daybook.shared.auth.Caller;
import dev.daybook.status.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import redis.clients.jedis.StreamEntryID;

/** {@code GET /v1/jobs/{id}/events}: the job's changes as Server-Sent Events, resumable with Last-Event-ID. */
@RestController
@EnableConfigurationProperties(EventsProperties.class)
class EventsController {

    private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    private final EventStreamer streamer;

    EventsController(EventStreamer streamer) {
        this.streamer = streamer;
    }

    // No `produces`: errors must still leave as problem+json when the client accepts only text/event-stream.
    @GetMapping("/v1/jobs/{id}/events")
    @Operation(summary = "The job's changes as Server-Sent Events: a snapshot first (or, with Last-Event-ID, the "
            + "events after it), then each change as it happens, until a final one")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/event-stream"))
    @ApiResponse(responseCode = "404", description = "no such job, or another user's")
    @ApiResponse(responseCode = "429", description = "too_many_streams: the user holds the maximum of open streams")
    @ApiResponse(responseCode = "503", description = "streams_full: this instance holds its maximum of streams")
    void events(@PathVariable String id,
                @RequestHeader(value = "Last-Event-ID", required = false) String lastEventHeader,
                @RequestParam(name = "last_event_id", required = false) String lastEventParam,
                Authentication auth, HttpServletResponse response) throws InterruptedException {
        String lastEventId = lastEventHeader != null && !lastEventHeader.isBlank() ? lastEventHeader : lastEventParam;
        streamer.stream(Caller.from(auth), id, resumePoint(lastEventId), expiry(auth), response);
    }

    private static StreamEntryID resumePoint(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        if (!ENTRY_ID.matcher(lastEventId.trim()).matches()) {
            throw ApiProblem.badRequest("Last-Event-ID must be an event id this API sent, such as 1733040000000-0");
        }
        try {
            return new StreamEntryID(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("Last-Event-ID is out of range");
        }
    }

    /** The stream ends when the token does, so a revoked or expired token cannot keep watching. */
    private static Instant expiry(Authentication auth) {
        return auth instanceof JwtAuthenticationToken jwt ? jwt.getToken().getExpiresAt() : null;
    }
}

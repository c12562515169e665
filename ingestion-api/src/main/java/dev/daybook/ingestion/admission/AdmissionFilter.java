package dev.daybook.ingestion.admission;

import dev.daybook.shared.audio.validation.AudioLimits;
import dev.daybook.ingestion.submit.IdempotentReplays;
import dev.daybook.ingestion.submit.SubmissionMetrics;
import dev.daybook.shared.admission.AdmissionProperties;
import dev.daybook.shared.admission.Backpressure;
import dev.daybook.shared.admission.RateLimiter;
import dev.daybook.shared.auth.Caller;
import dev.daybook.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides, before a single byte of the upload is read, whether a submission may proceed: first the declared
 * size, then backpressure
 * (a transcription backlog past the limit gets 503 {@code backlog_full}, so nobody's quota is spent on a
 * request that would be turned away anyway), then the per-address and per-user rate limits (429
 * {@code rate_limited}). Runs after Spring Security, so the caller is known.
 */
class AdmissionFilter extends OncePerRequestFilter {

    /** Room for multipart boundaries and form fields around the audio part. */
    private static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private final AdmissionProperties properties;
    private final long maxRequestBytes;
    private final Backpressure backpressure;
    private final RateLimiter limiter;
    private final SubmissionMetrics metrics;
    private final IdempotentReplays replays;

    AdmissionFilter(AdmissionProperties properties, AudioLimits limits, Backpressure backpressure, RateLimiter limiter,
                    SubmissionMetrics metrics, IdempotentReplays replays) {
        this.properties = properties;
        this.maxRequestBytes = limits.maxSize().toBytes() + MULTIPART_OVERHEAD;
        this.backpressure = backpressure;
        this.limiter = limiter;
        this.metrics = metrics;
        this.replays = replays;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/v1/jobs".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || !(auth instanceof org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken)) {
            chain.doFilter(request, response); // security answers 401
            return;
        }
        if (request.getContentLengthLong() > maxRequestBytes) {
            // answered from the header alone: a declared 2 GB upload is refused before its first byte is read
            problem(response, HttpStatus.CONTENT_TOO_LARGE, "audio_too_large",
                    "the request declares " + request.getContentLengthLong() + " bytes; the limit is " + maxRequestBytes);
            return;
        }
        String key = request.getHeader("Idempotency-Key");
        if (key != null && replays.existingJob(Caller.from(auth).userId(), key) != null) {
            chain.doFilter(request, response); // a replay adds no work: neither quota nor backlog applies
            return;
        }
        if (backpressure.full()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, backpressure.retryAfter().toSeconds())));
            problem(response, HttpStatus.SERVICE_UNAVAILABLE, "backlog_full",
                    "the transcription backlog is full; try again later");
            return;
        }
        if (properties.rateLimits() && !admitted(request, response, Caller.from(auth))) {
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response, Caller caller) throws IOException {
        RateLimiter.Decision ip = limiter.ip(request.getRemoteAddr());
        RateLimiter.Decision user = ip.allowed() ? limiter.user(caller.userId(), caller.tier()) : ip;
        headers(response, user);
        if (user.allowed()) {
            return true;
        }
        response.setHeader("Retry-After", Long.toString(user.retryAfterSeconds()));
        problem(response, HttpStatus.TOO_MANY_REQUESTS, "rate_limited", ip.allowed()
                ? "too many submissions for this user; see RateLimit-Policy"
                : "too many submissions from this address; see RateLimit-Policy");
        return false;
    }

    private static void headers(HttpServletResponse response, RateLimiter.Decision d) {
        response.setHeader("RateLimit-Limit", Long.toString(d.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(d.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(d.allowed() ? d.resetSeconds() : d.retryAfterSeconds()));
        response.setHeader("RateLimit-Policy", d.policy());
    }

    private void problem(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        metrics.rejected(code);
        Problems.write(response, status, code, detail);
    }
}

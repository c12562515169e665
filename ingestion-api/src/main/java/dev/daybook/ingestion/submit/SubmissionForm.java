package dev.daybook.ingestion.submit;

import dev.daybook.ingestion.web.ApiException;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.net.UnsafeUrlException;
import dev.daybook.shared.net.UrlGuard;
import dev.daybook.shared.net.UrlPolicy;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The optional fields of a submission, checked: a language tag (at most 35 characters, as BCP 47 advises), a
 * priority (one of three words, nothing else around it), an ISO-8601 recording time between 1900 and a day
 * from now (a diary entry is recorded before it is sent; the day is for clocks that run fast), and a webhook
 * URL (https, public host, at most {@link UrlGuard#MAX_LENGTH} characters; its addresses are checked again when
 * the webhook is called).
 */
record SubmissionForm(String language, Priority priority, String recordedAt, String callbackUrl) {

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
    private static final int MAX_LANGUAGE = 35;
    private static final Pattern PRIORITY = Pattern.compile("[A-Za-z]{1,10}");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Duration CLOCK_SLACK = Duration.ofDays(1);
    static SubmissionForm parse(String language, String priority, String recordedAt, String callbackUrl, Clock clock,
                                UrlGuard callbacks) {
        return new SubmissionForm(language(language), priority(priority), recordedAt(recordedAt, clock),
                callback(callbackUrl, callbacks));
    }

    private static String language(String value) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > MAX_LANGUAGE || !LANGUAGE.matcher(value).matches()) {
            throw ApiException.invalid("language must be a BCP 47 tag such as 'en' or 'en-GB'");
        }
        return value;
    }

    private static Priority priority(String value) {
        if (value != null && !value.isEmpty() && !PRIORITY.matcher(value).matches()) {
            throw ApiException.invalid("priority must be one of high, normal, low");
        }
        try {
            return Priority.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private static String recordedAt(String value, Clock clock) {
        if (blank(value)) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.invalid("recorded_at must be an ISO-8601 date-time with offset, e.g. 2026-05-01T08:30:00Z");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(clock.instant().plus(CLOCK_SLACK))) {
            throw ApiException.invalid("recorded_at must lie between 1900-01-01 and a day from now");
        }
        return at.toString();
    }

    private static String callback(String value, UrlGuard callbacks) {
        if (blank(value)) {
            return null;
        }
        try {
            return callbacks.parse(value).toString();
        } catch (UnsafeUrlException e) {
            throw ApiException.invalid("callback_url refused: " + e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package dev.daybook.ingestion.submit;

import dev.daybook.ingestion.web.ApiException;
import dev.daybook.shared.jobs.Priority;
import dev.daybook.shared.net.UnsafeUrlException;
import dev.daybook.shared.net.UrlGuard;
import dev.daybook.shared.net.UrlPolicy;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The optional fields of a submission, checked: a language tag, a priority, an ISO-8601 recording time, and a
 * webhook URL (https, public host; its addresses are checked again when the webhook is called).
 */
record SubmissionForm(String language, Priority priority, String recordedAt, String callbackUrl) {

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
    private static final UrlGuard CALLBACKS = new UrlGuard(UrlPolicy.httpsOnly(List.of("*")));

    static SubmissionForm parse(String language, String priority, String recordedAt, String callbackUrl) {
        return new SubmissionForm(language(language), priority(priority), recordedAt(recordedAt), callback(callbackUrl));
    }

    private static String language(String value) {
        if (blank(value)) {
            return null;
        }
        if (!LANGUAGE.matcher(value).matches()) {
            throw ApiException.invalid("language must be a BCP 47 tag such as 'en' or 'en-GB'");
        }
        return value;
    }

    private static Priority priority(String value) {
        try {
            return Priority.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private static String recordedAt(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("recorded_at must be an ISO-8601 date-time with offset, e.g. 2026-05-01T08:30:00Z");
        }
    }

    private static String callback(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return CALLBACKS.parse(value).toString();
        } catch (UnsafeUrlException e) {
            throw ApiException.invalid("callback_url refused: " + e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

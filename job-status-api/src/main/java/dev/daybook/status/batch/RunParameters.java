package dev.daybook.status.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * A job's parameters are strings (as the admin API's {@code params} map gives them). This is each job's
 * {@link JobParametersValidator}: only the names the job takes (and the runner's {@code run}), then the job's
 * own checks, whose {@link IllegalArgumentException} (or subclass, such as an import's refused source with
 * its code) reaches the admin API as a 400. The same parsers read the values in the step-scoped beans. Public
 * for jobs declared in other packages; a job may as well use Spring Batch's
 * {@code DefaultJobParametersValidator}, listing {@link BatchRunner#RUN} among its optional keys.
 */
public final class RunParameters implements JobParametersValidator {

    private final Set<String> names;
    private final Consumer<Map<String, String>> checks;

    private RunParameters(Set<String> names, Consumer<Map<String, String>> checks) {
        this.names = names;
        this.checks = checks;
    }

    /** Accepts these names, then runs {@code checks} on the values. */
    public static RunParameters taking(Set<String> names, Consumer<Map<String, String>> checks) {
        return new RunParameters(new TreeSet<>(names), checks);
    }

    public static RunParameters taking(String... names) {
        return taking(Set.of(names), params -> { });
    }

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        Map<String, String> params = new HashMap<>();
        parameters.parameters().forEach(p -> {
            if (!p.name().equals(BatchRunner.RUN)) {
                params.put(p.name(), String.valueOf(p.value()));
            }
        });
        for (String k : params.keySet()) {
            if (!names.contains(k)) {
                throw new InvalidJobParametersException("unknown parameter '" + k + "'; this job takes " + names);
            }
        }
        checks.accept(params); // runtime refusals keep their type (and code) on their way to the API
    }

    public static Instant instant(String value, String name, Instant otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    public static Duration duration(String value, String name, Duration otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as P365D");
        }
    }

    public static String string(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static String required(Map<String, String> params, String name) {
        String v = string(params.get(name));
        if (v == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is required");
        }
        return v;
    }

    public static boolean bool(String value, String name) {
        String v = value == null ? "false" : value;
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return Boolean.parseBoolean(v);
    }
}

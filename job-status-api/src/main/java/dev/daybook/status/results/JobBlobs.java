package dev.daybook.status.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.storage.Artifact;
import dev.daybook.shared.storage.Tier;
import dev.daybook.shared.storage.TieredStorage;
import dev.daybook.status.problem.ApiProblem;
import org.springframework.stereotype.Component;

/** Opens the blob a job field points at, from the tier the record names (or wherever it is, if the record is stale). */
@Component
class JobBlobs {

    private final TieredStorage storage;

    JobBlobs(TieredStorage storage) {
        this.storage = storage;
    }

    record Blob(InputStream content, long size) {
    }

    /** The blob named by {@code field}; 404 {@code <what>_not_ready} while the job has not produced it yet. */
    Blob open(Job job, String field, String what) {
        String key = job.field(field);
        if (key == null || key.isEmpty()) {
            throw ApiProblem.notFound(what + "_not_ready", "job " + job.id() + " has no " + what + " yet");
        }
        try {
            Tier tier = storage.locate(key, recordedTier(job, field)).orElseThrow(() -> gone(job, what));
            long size = storage.tier(tier).size(key);
            InputStream in = storage.tier(tier).open(key).orElseThrow(() -> gone(job, what));
            return new Blob(in, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tier recordedTier(Job job, String field) {
        for (Artifact a : Artifact.values()) {
            if (a.keyField().equals(field)) {
                return a.tier(job);
            }
        }
        return Tier.HOT;
    }

    byte[] read(Job job, String field, String what) {
        try (InputStream in = open(job, field, what).content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiProblem gone(Job job, String what) {
        return ApiProblem.notFound(what + "_not_found", "the " + what + " of job " + job.id() + " is not stored");
    }
}

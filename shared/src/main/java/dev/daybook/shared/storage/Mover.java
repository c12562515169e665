package dev.daybook.shared.storage;

import dev.daybook.shared.jobs.Job;
import dev.daybook.shared.queue.ArtifactPointers.Pointer;
import dev.daybook.shared.queue.ArtifactPointers.Switch;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves one artifact of one job to another tier without ever losing it:
 *
 * <ol>
 *   <li>copy every blob of the artifact to the destination, hashing the bytes as they are read (a local
 *       destination forces each file and its directory to disk before the copy returns, so the source is never
 *       deleted while the only copy is in the page cache);</li>
 *   <li>verify each copy against the destination's own checksum of what it stored (CRC32C or MD5 from GCS,
 *       SHA-256 of the file locally); a mismatch deletes the copy and fails the move;</li>
 *   <li>switch the job record's tier pointer, only if it still points at the source ({@code switchTier-1.lua});</li>
 *   <li>delete the source.</li>
 * </ol>
 *
 * Until step 3 the record points at an intact source; after it, at a verified copy. A crash between any two
 * steps therefore leaves the artifact readable, and running the move again finishes it: copies are simply
 * redone, and a record that already points at the destination has its leftover copies in other tiers
 * removed. The record carries {@code <artifact>_moving} from the start of a move until its source is deleted, so the tiering
 * job finds unfinished moves. Callers run one mover at a time (the batch lock), so a copy in a tier the
 * record does not name is always a leftover.
 */
public final class Mover {

    /** The points between steps where a crash is survivable; tests stop the mover at each. */
    public enum Step { COPIED, VERIFIED, SWITCHED, DELETED }

    /** Called after each step; production passes {@link #NO_CHECKPOINT}. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached(Step step);
    }

    public static final Checkpoint NO_CHECKPOINT = step -> { };

    public enum Outcome {
        /** Copied, verified, switched, source deleted. */
        MOVED,
        /** The record already pointed at the destination; leftovers elsewhere were removed. */
        ALREADY_THERE,
        /** The record changed under the move; the copy was removed and the record left alone. */
        STALE,
        /** The job, or its artifact, no longer exists; whatever the move had copied was removed. */
        GONE
    }

    /** @param bytes bytes copied (0 unless the outcome is {@link Outcome#MOVED}) */
    public record Result(Outcome outcome, long bytes) {
    }

    private final TieredStorage storage;
    private final TierPointers pointers;
    private final Checkpoint checkpoint;

    public Mover(TieredStorage storage, TierPointers pointers, Checkpoint checkpoint) {
        this.storage = storage;
        this.pointers = pointers;
        this.checkpoint = checkpoint;
    }

    public Result move(String jobId, Artifact artifact, Tier to) throws IOException {
        Job job = pointers.job(jobId);
        String key = job == null ? null : artifact.key(job);
        if (key == null) {
            return new Result(Outcome.GONE, 0);
        }
        Tier from = artifact.tier(job);
        List<String> blobs = blobs(artifact, key);
        if (from == to) {
            removeLeftovers(blobs, to);
            pointers.clearMoving(jobId, artifact.movingField());
            return new Result(Outcome.ALREADY_THERE, 0);
        }
        BlobStore source = storage.tier(from);
        if (!source.exists(key)) {
            return new Result(Outcome.GONE, 0);
        }
        if (!pointers.markMoving(jobId, artifact.movingField(), to.wire())) {
            return new Result(Outcome.GONE, 0);
        }
        return copyAndSwitch(jobId, artifact, key, blobs, from, to);
    }

    private Result copyAndSwitch(String jobId, Artifact artifact, String key, List<String> blobs, Tier from, Tier to)
            throws IOException {
        BlobStore source = storage.tier(from);
        BlobStore dest = storage.tier(to);
        List<String> present = new ArrayList<>();
        List<DigestingInputStream> copies = new ArrayList<>();
        long bytes = 0;
        for (String blob : blobs) {
            Optional<InputStream> in = source.open(blob);
            if (in.isPresent()) {
                try (DigestingInputStream d = new DigestingInputStream(in.get())) {
                    dest.put(blob, d);
                    bytes += d.count();
                    present.add(blob);
                    copies.add(d);
                }
            }
        }
        checkpoint.reached(Step.COPIED);
        verify(dest, present, copies);
        checkpoint.reached(Step.VERIFIED);
        Pointer pointer = new Pointer(artifact.keyField(), key, artifact.tierField(), artifact.locationField(),
                Tier.HOT.wire());
        Switch outcome = pointers.switchTier(jobId, pointer, from.wire(), to.wire(), dest.location(key));
        checkpoint.reached(Step.SWITCHED);
        return switch (outcome) {
            case SWITCHED, ALREADY -> {
                deleteAll(source, present);
                pointers.clearMoving(jobId, artifact.movingField());
                checkpoint.reached(Step.DELETED);
                yield new Result(Outcome.MOVED, bytes);
            }
            case STALE -> {
                deleteAll(dest, present);
                pointers.clearMoving(jobId, artifact.movingField());
                yield new Result(Outcome.STALE, 0);
            }
            case MISSING -> {
                // Deleted while we copied: the copy must not outlive the diary entry (nor the source).
                deleteAll(dest, present);
                deleteAll(source, present);
                yield new Result(Outcome.GONE, 0);
            }
        };
    }

    private static void verify(BlobStore dest, List<String> blobs, List<DigestingInputStream> copies) throws IOException {
        for (int i = 0; i < blobs.size(); i++) {
            String blob = blobs.get(i);
            Optional<Digest> stored = dest.digest(blob);
            if (stored.isEmpty() || !stored.get().equals(copies.get(i).same(stored.get()))) {
                dest.delete(blob);
                throw new IOException("copy of " + blob + " at " + dest.location(blob) + " does not match its source ("
                        + stored.map(Digest::algorithm).orElse("missing") + ")");
            }
        }
    }

    /** Copies in tiers other than the one the record names, left by a move that crashed after its switch. */
    private void removeLeftovers(List<String> blobs, Tier recorded) throws IOException {
        if (!storage.tier(recorded).exists(blobs.get(0))) {
            return; // the record is stale; readers search the tiers, and we delete nothing we cannot vouch for
        }
        for (Tier t : Tier.values()) {
            if (t != recorded && storage.has(t)) {
                deleteAll(storage.tier(t), blobs);
            }
        }
    }

    private static void deleteAll(BlobStore store, List<String> blobs) throws IOException {
        for (String blob : blobs) {
            store.delete(blob);
        }
    }

    private static List<String> blobs(Artifact artifact, String key) {
        List<String> all = new ArrayList<>();
        all.add(key);
        all.addAll(artifact.companions(key));
        return all;
    }
}

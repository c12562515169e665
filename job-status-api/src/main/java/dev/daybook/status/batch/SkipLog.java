package dev.daybook.status.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Collects every item a run skipped and why, for its report (the first {@link RunReport#MAX_SKIPS_LISTED}).
 * It is the one object every step of a run is given, so it also carries whether an operator asked the run
 * to stop ({@link #stopIfCancelled}, checked before each item is read).
 */
final class SkipLog implements SkipListener<Object, Object> {

    private final List<RunReport.Skip> skips = new ArrayList<>();
    private final BooleanSupplier cancelRequested;
    private volatile boolean cancelled;
    private long count;

    SkipLog() {
        this(() -> false);
    }

    SkipLog(BooleanSupplier cancelRequested) {
        this.cancelRequested = cancelRequested;
    }

    /** Ends the step with {@link Steps.Cancelled} (never skipped or retried) when the run was cancelled. */
    void stopIfCancelled() {
        if (cancelled || cancelRequested.getAsBoolean()) {
            cancelled = true;
            throw new Steps.Cancelled();
        }
    }

    /** Whether the run stopped because it was cancelled. */
    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void onSkipInRead(Throwable t) {
        add("(read)", t);
    }

    @Override
    public void onSkipInProcess(Object item, Throwable t) {
        add(String.valueOf(item), t);
    }

    @Override
    public void onSkipInWrite(Object item, Throwable t) {
        add(String.valueOf(item), t);
    }

    /** An item the job itself judged unfit (a bad recording in an import) without failing a chunk. */
    synchronized void reject(String item, String reason) {
        count++;
        if (skips.size() < RunReport.MAX_SKIPS_LISTED) {
            skips.add(new RunReport.Skip(item, reason));
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized List<RunReport.Skip> list() {
        return List.copyOf(skips);
    }

    private void add(String item, Throwable t) {
        reject(item, t instanceof Steps.Rejected ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage());
    }
}

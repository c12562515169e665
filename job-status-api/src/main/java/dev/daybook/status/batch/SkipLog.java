package dev.daybook.status.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Collects every item a run skipped and why, for its report (the first {@link RunReport#MAX_SKIPS_LISTED}).
 * It is the one object every step of a run is given, so it also carries whether an operator asked the run
 * to stop ({@link #stopIfCancelled}, checked before each item is read), and why the run is paused while it
 * waits ({@link #waiting}).
 */
final class SkipLog implements SkipListener<Object, Object> {

    private final List<RunReport.Skip> skips = new ArrayList<>();
    private final BooleanSupplier cancelRequested;
    private final Consumer<String> onWaiting;
    private volatile boolean cancelled;
    private String waitingFor;
    private long count;

    SkipLog() {
        this(() -> false);
    }

    SkipLog(BooleanSupplier cancelRequested) {
        this(cancelRequested, reason -> { });
    }

    /** @param onWaiting told each new reason the run waits for, and null when it goes on (the run's report) */
    SkipLog(BooleanSupplier cancelRequested, Consumer<String> onWaiting) {
        this.cancelRequested = cancelRequested;
        this.onWaiting = onWaiting;
    }

    /**
     * The run is paused for {@code reason} ({@code rate_limited: …}, {@code backlog_full: …}), or goes on again
     * ({@code null}). A cancelled run ends here rather than after the wait.
     */
    void waiting(String reason) {
        if (reason != null) {
            stopIfCancelled();
        }
        if (!Objects.equals(reason, waitingFor)) {
            waitingFor = reason;
            onWaiting.accept(reason);
        }
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

package dev.daybook.status.batch;

import java.util.List;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every item a job execution skipped, with its reason, in {@code batch_skips} (Flyway's V6) beside Spring
 * Batch's own tables, which keep only the counts. Each skip is written in a transaction of its own: a
 * write skip is found by a chunk scan whose transaction is rolled back, and the reason must outlive it. The
 * step the skip belongs to is the one running on this thread ({@link StepSynchronizationManager}), so one
 * instance serves every step; jobs also call {@link #reject} for an item they judged unfit themselves
 * without failing a chunk (a file already imported, a dead letter retried meanwhile).
 */
@Component
class RunSkips implements SkipListener<Object, Object> {

    /** Reasons listed per run; the count covers them all. */
    static final int LISTED = 100;
    private static final int MAX_TEXT = 1000;

    record Skip(String item, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    RunSkips(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void onSkipInRead(Throwable t) {
        reject("(read)", reason(t));
    }

    @Override
    public void onSkipInProcess(Object item, Throwable t) {
        reject(String.valueOf(item), reason(t));
    }

    @Override
    public void onSkipInWrite(Object item, Throwable t) {
        reject(String.valueOf(item), reason(t));
    }

    /** Records {@code item} as skipped for {@code reason} by the step running on this thread. */
    void reject(String item, String reason) {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            throw new IllegalStateException("a skip outside a step: " + item);
        }
        StepExecution step = context.getStepExecution();
        own.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO batch_skips (job_execution_id, step_name, item, reason) VALUES (?, ?, ?, ?)",
                step.getJobExecutionId(), step.getStepName(), clip(item), clip(reason)));
    }

    long count(long executionId) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM batch_skips WHERE job_execution_id = ?", Long.class, executionId);
        return n == null ? 0 : n;
    }

    /** The first {@link #LISTED} skips of an execution, in the order they happened. */
    List<Skip> list(long executionId) {
        return jdbc.query("SELECT item, reason FROM batch_skips WHERE job_execution_id = ? ORDER BY id LIMIT " + LISTED,
                (rs, n) -> new Skip(rs.getString(1), rs.getString(2)), executionId);
    }

    private static String reason(Throwable t) {
        return t instanceof Steps.Rejected ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}

-- What each batch job execution skipped and why (a bad recording in an import, a dead letter retried
-- meanwhile, a blob that could not be moved), for the operations page. Spring Batch's own tables keep only the
-- skip counts; the reasons live here beside them, one row per skipped item, removed with their execution.
CREATE TABLE batch_skips (
    id               bigserial PRIMARY KEY,
    job_execution_id bigint      NOT NULL REFERENCES batch_job_execution (job_execution_id) ON DELETE CASCADE,
    step_name        text        NOT NULL,
    item             text        NOT NULL,
    reason           text        NOT NULL,
    skipped_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX batch_skips_execution ON batch_skips (job_execution_id, id);

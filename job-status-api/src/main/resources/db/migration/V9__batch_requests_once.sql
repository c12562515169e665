-- One waiting request per run asked for: while a request for a job with some parameters waits unclaimed, a second
-- one just like it is refused (409 batch_running, as while the job runs): RunRequests.start inserts with
-- ON CONFLICT … DO NOTHING on this index, so of two public pods asked at once only one records it. An export's
-- parameters carry its own fresh id, so two exports never meet here; restarts (restart_of) have their own check.
-- The parameters go in by their hash: jsonb's text is canonical (keys sorted and unique, no spaces), and a btree
-- entry could not hold parameters of up to 16 values of 1,024 characters.
--
-- Requests already waiting twice are settled first, or the index could not be built: the later one is marked
-- claimed here, with the reason, so its request-<n> reads failed and only the first runs.
WITH queued AS (
    SELECT id, min(id) OVER (PARTITION BY job, md5(params::text)) AS first
    FROM batch_requests
    WHERE claimed_at IS NULL AND restart_of IS NULL
)
UPDATE batch_requests r
SET claimed_by = 'V9__batch_requests_once', claimed_at = now(),
    error = 'the same run as request-' || q.first || ', which runs instead'
FROM queued q
WHERE r.id = q.id AND q.id <> q.first;

CREATE UNIQUE INDEX batch_requests_queued_once ON batch_requests (job, (md5(params::text)))
    WHERE claimed_at IS NULL AND restart_of IS NULL;

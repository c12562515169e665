-- One waiting restart per run: while a restart of a run waits unclaimed, a second one is not recorded (the API
-- answers it as the first, the run queued). RunRequests.restart inserts with ON CONFLICT … DO NOTHING on this
-- index, so of two public pods asked at once only one records it; the NOT EXISTS check it used before saw
-- nothing in either pod's transaction, and both inserted.
--
-- Restarts already waiting twice are settled first, or the index could not be built: the later one is marked
-- claimed here, with the reason, so only the first runs (nobody knows a restart by its request's id).
WITH queued AS (
    SELECT id, min(id) OVER (PARTITION BY restart_of) AS first
    FROM batch_requests
    WHERE claimed_at IS NULL AND restart_of IS NOT NULL
)
UPDATE batch_requests r
SET claimed_by = 'V10__batch_restart_once', claimed_at = now(),
    error = 'the same restart as request-' || q.first || ', which runs instead'
FROM queued q
WHERE r.id = q.id AND q.id <> q.first;

CREATE UNIQUE INDEX batch_requests_restart_once ON batch_requests (restart_of)
    WHERE claimed_at IS NULL AND restart_of IS NOT NULL;
-- It serves every look-up the older one did (restart_of = ? implies restart_of IS NOT NULL).
DROP INDEX batch_requests_restart_of;

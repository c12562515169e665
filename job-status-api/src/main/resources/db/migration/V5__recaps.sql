-- Recaps (docs/recaps.md): a summary of one user's entries over a period, written by llm-worker's recap stage and
-- recorded here by dev.daybook.status.recaps. A recap is a job of its own kind (job field kind=recap) and never an
-- entry: it has no row in entries, so it is in no listing, search, index or entry export.
CREATE TABLE recaps (
    id            text        PRIMARY KEY,
    user_id       text        NOT NULL,
    period        text        NOT NULL CHECK (period IN ('week', 'month', 'custom')),
    from_date     date        NOT NULL,
    to_date       date        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    -- how it was asked for: the API (on demand) or the recaps batch job (one per user and period)
    origin        text        NOT NULL CHECK (origin IN ('api', 'batch')),
    entries       integer     NOT NULL,
    title         text,
    summary       text,
    -- [{text, entries: [{job_id, date, start_ms}]}], every cited entry one of the recap's own period and user
    highlights    jsonb,
    provider      text,
    model         text,
    error_code    text,
    error_message text,
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    -- the job record's updated_at (ms): a write only moves a row forward, as in entries
    position_ms   bigint      NOT NULL
);
-- The listing: a user's recaps, newest first (keyset on created_at, id).
CREATE INDEX recaps_by_user ON recaps (user_id, created_at DESC, id DESC);
-- The batch writes one recap per user and period, however often it runs.
CREATE UNIQUE INDEX recaps_once_per_period ON recaps (user_id, period, from_date, to_date) WHERE origin = 'batch';

-- An erased entry leaves the recaps that cite it: each highlight loses its citation of the entry, and a highlight
-- left citing nothing goes (its words came from that entry). In the transaction that deletes the entry's row.
CREATE FUNCTION daybook_recaps_forget_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE recaps r SET highlights = (
        SELECT coalesce(jsonb_agg(jsonb_set(h.value, '{entries}', k.kept) ORDER BY h.n), '[]'::jsonb)
        FROM jsonb_array_elements(r.highlights) WITH ORDINALITY AS h (value, n)
        CROSS JOIN LATERAL (
            SELECT coalesce(jsonb_agg(c.value ORDER BY c.m), '[]'::jsonb) AS kept
            FROM jsonb_array_elements(h.value -> 'entries') WITH ORDINALITY AS c (value, m)
            WHERE c.value ->> 'job_id' IS DISTINCT FROM OLD.id) k
        WHERE jsonb_array_length(k.kept) > 0)
    WHERE r.user_id = OLD.user_id AND r.highlights @> jsonb_build_array(
        jsonb_build_object('entries', jsonb_build_array(jsonb_build_object('job_id', OLD.id))));
    RETURN NULL;
END $$;
CREATE TRIGGER entries_leave_recaps AFTER DELETE ON entries FOR EACH ROW EXECUTE FUNCTION daybook_recaps_forget_entry();

-- The diary's record. Redis keeps the queue and the jobs in flight; this table keeps every entry for as long as
-- its owner keeps it. The recorder (dev.daybook.status.record) writes it from the job event stream.

CREATE TABLE entries (
    id                text        PRIMARY KEY,
    user_id           text        NOT NULL,
    status            text        NOT NULL,
    stage             text,
    priority          text,
    progress          real        NOT NULL DEFAULT 0,
    attempts          integer     NOT NULL DEFAULT 0,
    error_code        text,
    error_message     text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    completed_at      timestamptz,
    recorded_at       text,                 -- when the person says they spoke it (ISO-8601, as sent)
    queued_ms         bigint,
    transcribe_ms     bigint,
    summarize_ms      bigint,
    -- artifacts: where each blob is, and in which tier (tiering and retention query these)
    audio_key         text,
    audio_tier        text,
    transcript_key    text,
    transcript_tier   text,
    note_key          text,
    note_tier         text,
    -- the recording and the engine
    language          text,
    duration_s        double precision,
    audio_format      text,
    audio_size_bytes  bigint,
    engine            text,
    engine_model      text,
    -- the note's fields and the transcript's text, for listing, search and export
    title             text,
    summary           text,
    mood_label        text,
    mood_score        real,
    highlights        jsonb       NOT NULL DEFAULT '[]',
    todos             jsonb       NOT NULL DEFAULT '[]',
    people            text[]      NOT NULL DEFAULT '{}',
    places            text[]      NOT NULL DEFAULT '{}',
    tags              text[]      NOT NULL DEFAULT '{}',
    note_provider     text,
    note_model        text,
    transcript        text,
    -- the job record as Redis held it, and its error history: once the Redis hash has expired, a single read
    -- renders from these exactly as it did from Redis
    record            jsonb       NOT NULL,
    errors            jsonb       NOT NULL DEFAULT '[]',
    -- how far this row has come: (the record's updated_at, the event's stream id). An event applied twice,
    -- late or out of order carries an older position and changes nothing.
    position_ms       bigint      NOT NULL,
    event_ms          bigint      NOT NULL,
    event_seq         bigint      NOT NULL,
    written_at        timestamptz NOT NULL DEFAULT now()
);

-- The listing: a user's entries newest first, keyset-paginated on (created_at, id).
CREATE INDEX entries_by_user ON entries (user_id, created_at DESC, id DESC);
CREATE INDEX entries_by_user_status ON entries (user_id, status, created_at DESC, id DESC);
-- Tiering and retention: finished entries by age.
CREATE INDEX entries_finished ON entries (completed_at) WHERE completed_at IS NOT NULL;

-- Entries their owner erased. A late event about one (the recorder may still hold it) never brings it back.
CREATE TABLE erased_entries (
    id        text        PRIMARY KEY,
    user_id   text        NOT NULL,
    erased_at timestamptz NOT NULL DEFAULT now()
);

-- Search over the diary (dev.daybook.status.search, docs/search.md).

-- The transcript's words with their times ([{text, start_ms, end_ms, confidence}]), written by the recorder with
-- the transcript: a hit in a spoken entry says where in the recording its first matched word is said.
ALTER TABLE entries ADD COLUMN words jsonb;

-- array_to_string is only STABLE (it is generic over element types); over text[] it is immutable, and a generated
-- column needs an immutable expression.
CREATE FUNCTION daybook_joined(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    AS $$ SELECT array_to_string($1, ' ') $$;

-- Full-text: what a query matches, weighted by where it matched (title A, people/places/tags B, summary C,
-- transcript D), kept by PostgreSQL itself whenever a row is written.
ALTER TABLE entries ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(daybook_joined(people), '') || ' ' ||
                                     coalesce(daybook_joined(places), '') || ' ' ||
                                     coalesce(daybook_joined(tags), '')), 'B') ||
    setweight(to_tsvector('english', coalesce(summary, '')), 'C') ||
    setweight(to_tsvector('english', coalesce(transcript, '')), 'D')) STORED;

CREATE INDEX entries_search ON entries USING gin (search);

-- Meaning: embeddings (all-MiniLM-L6-v2, 384 dimensions, unit length) of an entry's note (title and summary) and
-- of its transcript in passages of about a hundred words. pgvector is not available, so they are plain arrays and
-- the distance is computed exactly over one user's passages.
CREATE TABLE entry_passages (
    entry_id  text    NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    seq       integer NOT NULL,
    user_id   text    NOT NULL,
    kind      text    NOT NULL,          -- note | transcript
    start_ms  bigint,                    -- where a transcript passage starts in the recording, when known
    embedding real[]  NOT NULL,
    PRIMARY KEY (entry_id, seq)
);
CREATE INDEX entry_passages_by_user ON entry_passages (user_id);

-- When the indexer embedded the entry's current note and transcript; null: (again) waiting for it.
ALTER TABLE entries ADD COLUMN embedded_at timestamptz;
CREATE INDEX entries_to_embed ON entries (created_at) WHERE embedded_at IS NULL AND status = 'completed';

-- A new title, summary or transcript makes the embeddings stale: the indexer takes the entry again. A trigger,
-- so every writer (recorder, backfill, import) is covered without knowing about search.
CREATE FUNCTION daybook_embeddings_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary
            OR NEW.transcript IS DISTINCT FROM OLD.transcript THEN
        NEW.embedded_at := NULL;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER entries_embeddings_stale BEFORE UPDATE ON entries
    FOR EACH ROW EXECUTE FUNCTION daybook_embeddings_stale();

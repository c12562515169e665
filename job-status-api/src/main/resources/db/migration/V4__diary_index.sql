-- The diary's index: people, places, to-dos and mood across a user's entries (docs/diary-index.md). Maintained by
-- dev.daybook.status.diary in the same transaction as the entry rows it derives from, so it is never behind them;
-- every row belongs to an entry and goes with it (ON DELETE CASCADE).

-- One row per entry that has a note: its date (when its owner says they spoke it, else when it was created) and
-- its mood. The mood buckets and the dates of everything below come from here.
CREATE TABLE entry_index (
    entry_id   text        PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    user_id    text        NOT NULL,
    entry_at   timestamptz NOT NULL,
    mood_label text,
    mood_score real
);
CREATE INDEX entry_index_by_user ON entry_index (user_id, entry_at);

-- One row per person or place an entry's note names. name_key is dev.daybook.shared.note.NameKey of the spelling,
-- computed in Java (the same function llm-worker uses, and not PostgreSQL's collation-dependent lower()).
CREATE TABLE entry_names (
    entry_id   text        NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    kind       text        NOT NULL CHECK (kind IN ('person', 'place')),
    name_key   text        NOT NULL,
    spelling   text        NOT NULL,
    user_id    text        NOT NULL,
    entry_at   timestamptz NOT NULL,
    PRIMARY KEY (entry_id, kind, name_key)
);
-- A user's people (or places) grouped by key, and one name's entries newest first.
CREATE INDEX entry_names_by_user ON entry_names (user_id, kind, name_key, entry_at DESC, entry_id DESC);

-- One row per to-do of an entry's note. (entry_id, todo_key) makes recording an entry again idempotent: the row,
-- its id and its state stay. suggested_done_by: a later entry that seems to say it was done; the owner confirms.
CREATE TABLE todos (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           text        NOT NULL,
    entry_id          text        NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    entry_at          timestamptz NOT NULL,
    position          integer     NOT NULL,
    todo_key          text        NOT NULL,
    text              text        NOT NULL,
    state             text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done')),
    done_at           timestamptz,
    suggested_done_by text        REFERENCES entries (id) ON DELETE SET NULL,
    UNIQUE (entry_id, todo_key)
);
-- The listing: a user's to-dos, in one state or all, newest entry first.
CREATE INDEX todos_by_user ON todos (user_id, state, entry_at DESC, entry_id DESC, position);
CREATE INDEX todos_by_user_all ON todos (user_id, entry_at DESC, entry_id DESC, position);
-- ON DELETE SET NULL on suggested_done_by looks rows up by it.
CREATE INDEX todos_suggested_by ON todos (suggested_done_by) WHERE suggested_done_by IS NOT NULL;

-- The listing ordered by the entry's date (GET /v1/jobs?order=date, the diary page's order): each entry keeps its
-- date in its row (dev.daybook.status.record.EntryDate: recorded_at when given, else created_at; the recorder writes
-- it with every upsert), keyset-paginated on (entry_at, id) like entries_by_user on (created_at, id).
ALTER TABLE entries ADD COLUMN entry_at timestamptz;
-- Existing rows: the date the diary index already holds (the same rule), else the creation time: a back-dated
-- entry with no note yet (unfinished, or failed) gets its recorded_at on its next write only; recorded_at is text
-- as sent and is not cast here, where a malformed one would stop the migration.
UPDATE entries e SET entry_at = coalesce((SELECT i.entry_at FROM entry_index i WHERE i.entry_id = e.id), e.created_at);
ALTER TABLE entries ALTER COLUMN entry_at SET NOT NULL;
CREATE INDEX entries_by_user_date ON entries (user_id, entry_at DESC, id DESC);

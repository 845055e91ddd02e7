-- 0006: runs.documents_unchanged, the documents a run found unchanged.
--
-- A run skips documents whose text and extractor version the warehouse
-- already holds before parsing them; this column says how many (together with
-- any the loader itself found unchanged), so a rerun that coded nothing shows
-- why. NULL for runs recorded before it existed.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS documents_unchanged BIGINT;

-- 0003: runs.error, the reason a failed run failed.
--
-- Before this column a failed run's error text was written to ingest_errors
-- (with NULL source_path); it belongs to the run. Existing warehouses keep
-- those rows; the column is NULL for every run recorded before it existed.
ALTER TABLE runs ADD COLUMN error VARCHAR;

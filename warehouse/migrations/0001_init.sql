-- 0001: the warehouse tables, one per frame contract in schemas/frames.py.
--
-- Columns, order and types mirror the contracts exactly (tests/test_warehouse.py
-- compares them): Utf8 -> VARCHAR, Int8 -> TINYINT, Int32 -> INTEGER,
-- Int64 -> BIGINT, Float64 -> DOUBLE, Date -> DATE, Datetime(UTC) -> TIMESTAMPTZ,
-- Boolean -> BOOLEAN.
--
-- Keys: documents by doc_id, events by event_id (deterministic, computed
-- upstream), runs by run_id. rejected_events, ingest_errors and
-- validation_results are logs without a key. There are no foreign keys: the
-- loader replaces a changed document and all its events in one transaction,
-- and DuckDB foreign keys would only get in the way of that.
--
-- Applied by warehouse/migrate.py inside one transaction together with the
-- schema_version row; never edit a released migration, add a new one.

CREATE TABLE documents (
    doc_id                VARCHAR PRIMARY KEY,
    source_path           VARCHAR,
    title                 VARCHAR,
    source                VARCHAR,
    url                   VARCHAR,
    published_date        DATE,
    published_date_origin VARCHAR,
    dateline_place        VARCHAR,
    text                  VARCHAR,
    content_sha256        VARCHAR,
    metadata              VARCHAR,
    extractor_version     VARCHAR,
    run_id                VARCHAR
);

CREATE TABLE events (
    event_id             VARCHAR PRIMARY KEY,
    doc_id               VARCHAR NOT NULL,
    sentence_index       INTEGER,
    sentence_text        VARCHAR,
    source_text          VARCHAR,
    source_code          VARCHAR,
    source_country       VARCHAR,
    source_sector        VARCHAR,
    action_text          VARCHAR,
    action_lemma         VARCHAR,
    target_text          VARCHAR,
    target_code          VARCHAR,
    target_country       VARCHAR,
    target_sector        VARCHAR,
    cameo_code           VARCHAR,
    cameo_root           VARCHAR,
    plover_type          VARCHAR,
    quad_class           TINYINT,
    goldstein            DOUBLE,
    polarity             VARCHAR,
    modality             VARCHAR,
    reporter_code        VARCHAR,
    event_date           DATE,
    event_date_text      VARCHAR,
    event_date_precision VARCHAR,
    event_date_origin    VARCHAR,
    location_name        VARCHAR,
    location_type        VARCHAR,
    location_country     VARCHAR,
    latitude             DOUBLE,
    longitude            DOUBLE,
    confidence           DOUBLE,
    source_start         INTEGER,
    source_end           INTEGER,
    action_start         INTEGER,
    action_end           INTEGER,
    target_start         INTEGER,
    target_end           INTEGER,
    extractor_version    VARCHAR,
    model                VARCHAR,
    run_id               VARCHAR
);

-- Same columns as events plus the expectations each row failed. No key: an
-- event rejected here is not in events, and a rerun replaces rows per document.
CREATE TABLE rejected_events (
    event_id             VARCHAR,
    doc_id               VARCHAR NOT NULL,
    sentence_index       INTEGER,
    sentence_text        VARCHAR,
    source_text          VARCHAR,
    source_code          VARCHAR,
    source_country       VARCHAR,
    source_sector        VARCHAR,
    action_text          VARCHAR,
    action_lemma         VARCHAR,
    target_text          VARCHAR,
    target_code          VARCHAR,
    target_country       VARCHAR,
    target_sector        VARCHAR,
    cameo_code           VARCHAR,
    cameo_root           VARCHAR,
    plover_type          VARCHAR,
    quad_class           TINYINT,
    goldstein            DOUBLE,
    polarity             VARCHAR,
    modality             VARCHAR,
    reporter_code        VARCHAR,
    event_date           DATE,
    event_date_text      VARCHAR,
    event_date_precision VARCHAR,
    event_date_origin    VARCHAR,
    location_name        VARCHAR,
    location_type        VARCHAR,
    location_country     VARCHAR,
    latitude             DOUBLE,
    longitude            DOUBLE,
    confidence           DOUBLE,
    source_start         INTEGER,
    source_end           INTEGER,
    action_start         INTEGER,
    action_end           INTEGER,
    target_start         INTEGER,
    target_end           INTEGER,
    extractor_version    VARCHAR,
    model                VARCHAR,
    run_id               VARCHAR,
    failed_expectations  VARCHAR
);

-- Appended per run.
CREATE TABLE ingest_errors (
    run_id      VARCHAR,
    source_path VARCHAR,
    record      VARCHAR,
    error       VARCHAR
);

-- Appended per run.
CREATE TABLE validation_results (
    run_id           VARCHAR,
    batch            INTEGER,
    expectation      VARCHAR,
    column_name      VARCHAR,
    success          BOOLEAN,
    element_count    BIGINT,
    unexpected_count BIGINT,
    details          VARCHAR
);

-- One row per run, written by the loader (status 'completed') or by
-- record_failed_run (status 'failed').
CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL CHECK (status IN ('completed', 'failed')),
    inputs            VARCHAR,
    documents         BIGINT,
    documents_loaded  BIGINT,
    sentences         BIGINT,
    events            BIGINT,
    rejected          BIGINT,
    ingest_errors     BIGINT,
    seconds           DOUBLE,
    extractor_version VARCHAR,
    model             VARCHAR
);

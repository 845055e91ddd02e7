-- 0002: analyst views over events. They hold no data, so a later migration may
-- redefine them with CREATE OR REPLACE VIEW.
--
-- Conventions shared by every view:
--   * An "event" here is a de-duplicated event: one row of dyad_daily, i.e. one
--     (event_date, source_code, target_code, cameo_code). Every extracted row of
--     the events table is a "mention" of it. This is the count the field uses
--     (GDELT's events vs. mentions): the same clash reported by five outlets
--     is one event with five mentions.
--   * Events whose source_code or target_code is NULL (an actor that could not
--     be coded) are left out of every view; they stay in the events table.
--   * Where a view picks one value among the mentions (the coding of an event,
--     an actor name, a location), it takes the most common one and breaks ties
--     by the smallest value, so results never depend on scan order.
--   * Only SQL that DuckDB 1.x also understands: the 1.x snapshot written by
--     warehouse/export.py carries these views.


-- dyad_daily: one row per (event_date, source_code, target_code, cameo_code).
--   num_mentions   rows of events (mentions)
--   num_documents  distinct documents mentioning it
--   num_sources    distinct publishers (documents.source); a document without
--                  a source counts as a publisher of its own
--   cameo_root, quad_class, goldstein, plover_type, source_country,
--   target_country: the coding used by most of its mentions (taken together,
--                  so the columns always come from one consistent coding).
--   event_date may be NULL (no date could be resolved); those events form
--   their own rows.
CREATE OR REPLACE VIEW dyad_daily AS
WITH mentions AS (
    SELECT
        e.event_date,
        e.source_code,
        e.target_code,
        e.cameo_code,
        e.doc_id,
        d.source,
        {'cameo_root': e.cameo_root,
         'quad_class': e.quad_class,
         'goldstein': e.goldstein,
         'plover_type': e.plover_type,
         'source_country': e.source_country,
         'target_country': e.target_country} AS coding
    FROM events AS e
    LEFT JOIN documents AS d ON d.doc_id = e.doc_id
    WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL
),
weighted AS (
    SELECT
        *,
        count(*) OVER (
            PARTITION BY event_date, source_code, target_code, cameo_code, coding
        ) AS coding_mentions
    FROM mentions
),
dyads AS (
    SELECT
        event_date,
        source_code,
        target_code,
        cameo_code,
        count(*) AS num_mentions,
        count(DISTINCT doc_id) AS num_documents,
        count(DISTINCT source)
            + count(DISTINCT CASE WHEN source IS NULL THEN doc_id END) AS num_sources,
        first(coding ORDER BY coding_mentions DESC, coding) AS coding
    FROM weighted
    GROUP BY event_date, source_code, target_code, cameo_code
)
SELECT
    event_date,
    source_code,
    target_code,
    cameo_code,
    num_mentions,
    num_documents,
    num_sources,
    coding.cameo_root AS cameo_root,
    coding.quad_class AS quad_class,
    coding.goldstein AS goldstein,
    coding.plover_type AS plover_type,
    coding.source_country AS source_country,
    coding.target_country AS target_country
FROM dyads;


-- events_gdelt: dyad_daily in the column names and types of the GDELT 2.0
-- event table, one row per de-duplicated event, for tools written against
-- GDELT. Only the columns below are provided. Differences from GDELT:
--   GlobalEventID   not a sequence: the first 15 hex digits of
--                   md5('<event_date YYYY-MM-DD or empty>|<source_code>|<target_code>|<cameo_code or empty>')
--                   as a BIGINT, so the same event keeps its id across
--                   reloads, warehouses and DuckDB versions.
--   SQLDATE, MonthYear, Year, FractionDate  NULL when event_date is NULL.
--                   FractionDate = Year + ((month - 1) * 30 + day) / 365,
--                   rounded to 4 places, GDELT's own formula.
--   Actor1Name/Actor2Name  the most common mention text (source_text /
--                   target_text) as written, not upper-cased.
--   Actor1Type1Code/Actor2Type1Code  the most common source/target_sector.
--   Actor*CountryCode, ActionGeo_CountryCode  ISO 3166 alpha-3 (GDELT uses
--                   CAMEO country codes for actors, FIPS 10-4 for places).
--   IsRootEvent     1 when any mention is in the first three sentences of its
--                   document (sentence_index 0, 1 or 2; GDELT uses the lead
--                   paragraph), else 0.
--   EventRootCode   cameo_root; EventBaseCode the first 3 characters of the code.
--   NumArticles     distinct documents; NumSources distinct publishers.
--   AvgTone         always NULL: Dotterel does not compute tone.
--   ActionGeo_*     the most common non-null location among the mentions.
--                   ActionGeo_Type: 1 country, 4 city or landmark (GDELT's
--                   "world city"), 5 region ("world state"), 0 unknown/none.
--   DATEADDED       YYYYMMDDHHMMSS (UTC) of the first load: the earliest
--                   runs.finished_at among the runs that loaded its mentions.
--   SOURCEURL       url of the earliest document (published_date, undated
--                   last, then doc_id) that has a url.
CREATE OR REPLACE VIEW events_gdelt AS
WITH mentions AS (
    SELECT
        e.event_date,
        e.source_code,
        e.target_code,
        e.cameo_code,
        e.doc_id,
        e.sentence_index,
        e.source_text,
        e.target_text,
        e.source_sector,
        e.target_sector,
        CASE WHEN e.location_name IS NOT NULL THEN
            {'name': e.location_name,
             'type': e.location_type,
             'country': e.location_country,
             'lat': e.latitude,
             'lon': e.longitude}
        END AS location,
        d.url,
        d.published_date,
        r.finished_at AS loaded_at
    FROM events AS e
    LEFT JOIN documents AS d ON d.doc_id = e.doc_id
    LEFT JOIN runs AS r ON r.run_id = e.run_id
    WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL
),
weighted AS (
    SELECT
        *,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, source_text)
            AS n_source_text,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, target_text)
            AS n_target_text,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, source_sector)
            AS n_source_sector,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, target_sector)
            AS n_target_sector,
        count(*) OVER (PARTITION BY event_date, source_code, target_code, cameo_code, location)
            AS n_location
    FROM mentions
),
extras AS (
    SELECT
        event_date,
        source_code,
        target_code,
        cameo_code,
        first(source_text ORDER BY n_source_text DESC, source_text)
            FILTER (WHERE source_text IS NOT NULL) AS actor1_name,
        first(target_text ORDER BY n_target_text DESC, target_text)
            FILTER (WHERE target_text IS NOT NULL) AS actor2_name,
        first(source_sector ORDER BY n_source_sector DESC, source_sector)
            FILTER (WHERE source_sector IS NOT NULL) AS actor1_type,
        first(target_sector ORDER BY n_target_sector DESC, target_sector)
            FILTER (WHERE target_sector IS NOT NULL) AS actor2_type,
        first(location ORDER BY n_location DESC, location)
            FILTER (WHERE location IS NOT NULL) AS location,
        max(CASE WHEN sentence_index < 3 THEN 1 ELSE 0 END) AS is_root,
        min(loaded_at) AS first_loaded,
        first(url ORDER BY published_date ASC NULLS LAST, doc_id)
            FILTER (WHERE url IS NOT NULL) AS source_url
    FROM weighted
    GROUP BY event_date, source_code, target_code, cameo_code
)
SELECT
    CAST(('0x' || substr(md5(
        coalesce(CAST(dd.event_date AS VARCHAR), '') || '|' || dd.source_code || '|'
        || dd.target_code || '|' || coalesce(dd.cameo_code, '')), 1, 15)) AS BIGINT)
        AS "GlobalEventID",
    CAST(strftime(dd.event_date, '%Y%m%d') AS INTEGER) AS "SQLDATE",
    CAST(strftime(dd.event_date, '%Y%m') AS INTEGER) AS "MonthYear",
    CAST(year(dd.event_date) AS INTEGER) AS "Year",
    round(year(dd.event_date)
          + ((month(dd.event_date) - 1) * 30 + day(dd.event_date)) / 365.0, 4) AS "FractionDate",
    dd.source_code AS "Actor1Code",
    x.actor1_name AS "Actor1Name",
    dd.source_country AS "Actor1CountryCode",
    x.actor1_type AS "Actor1Type1Code",
    dd.target_code AS "Actor2Code",
    x.actor2_name AS "Actor2Name",
    dd.target_country AS "Actor2CountryCode",
    x.actor2_type AS "Actor2Type1Code",
    CAST(x.is_root AS INTEGER) AS "IsRootEvent",
    dd.cameo_code AS "EventCode",
    substr(dd.cameo_code, 1, 3) AS "EventBaseCode",
    dd.cameo_root AS "EventRootCode",
    CAST(dd.quad_class AS INTEGER) AS "QuadClass",
    dd.goldstein AS "GoldsteinScale",
    CAST(dd.num_mentions AS INTEGER) AS "NumMentions",
    CAST(dd.num_sources AS INTEGER) AS "NumSources",
    CAST(dd.num_documents AS INTEGER) AS "NumArticles",
    CAST(NULL AS DOUBLE) AS "AvgTone",
    CAST(CASE x.location.type
        WHEN 'country' THEN 1
        WHEN 'city' THEN 4
        WHEN 'landmark' THEN 4
        WHEN 'region' THEN 5
        ELSE 0
    END AS INTEGER) AS "ActionGeo_Type",
    x.location.name AS "ActionGeo_FullName",
    x.location.country AS "ActionGeo_CountryCode",
    x.location.lat AS "ActionGeo_Lat",
    x.location.lon AS "ActionGeo_Long",
    CAST(strftime(timezone('UTC', x.first_loaded), '%Y%m%d%H%M%S') AS BIGINT) AS "DATEADDED",
    x.source_url AS "SOURCEURL"
FROM dyad_daily AS dd
JOIN extras AS x
    ON x.event_date IS NOT DISTINCT FROM dd.event_date
    AND x.source_code = dd.source_code
    AND x.target_code = dd.target_code
    AND x.cameo_code IS NOT DISTINCT FROM dd.cameo_code;


-- actor_network: one edge per (source_code, target_code), directed, over
-- de-duplicated events (dyad_daily rows).
--   num_events      de-duplicated events on the edge
--   num_mentions    their mentions (rows of events)
--   num_documents   distinct documents mentioning any of them
--   cooperation     events in quad classes 1-2 (verbal/material cooperation)
--   conflict        events in quad classes 3-4 (verbal/material conflict)
--   mean_goldstein  mean Goldstein score of the events (not of the mentions)
--   weight          (cooperation - conflict) / num_events, in -1..1; events
--                   without a quad class count in the denominator only.
CREATE OR REPLACE VIEW actor_network AS
WITH edges AS (
    SELECT
        source_code,
        target_code,
        count(*) AS num_events,
        CAST(sum(num_mentions) AS BIGINT) AS num_mentions,
        count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
        count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
        avg(goldstein) AS mean_goldstein
    FROM dyad_daily
    GROUP BY source_code, target_code
),
documents_per_edge AS (
    SELECT source_code, target_code, count(DISTINCT doc_id) AS num_documents
    FROM events
    WHERE source_code IS NOT NULL AND target_code IS NOT NULL
    GROUP BY source_code, target_code
)
SELECT
    e.source_code,
    e.target_code,
    e.num_events,
    e.num_mentions,
    d.num_documents,
    e.cooperation,
    e.conflict,
    e.mean_goldstein,
    CAST(e.cooperation - e.conflict AS DOUBLE) / e.num_events AS weight
FROM edges AS e
JOIN documents_per_edge AS d
    ON d.source_code = e.source_code AND d.target_code = e.target_code;


-- country_month: de-duplicated events by (country, role, month, quad_class).
-- Each event counts once for its source_country (role 'source') and once for
-- its target_country (role 'target'), so a domestic event appears under both
-- roles of the same country. month is the first day of the month (DATE).
-- Events without a date, or without a country in that role, are not counted
-- here (they remain in dyad_daily). quad_class may be NULL.
CREATE OR REPLACE VIEW country_month AS
WITH roles AS (
    SELECT source_country AS country, 'source' AS role, event_date, quad_class,
           goldstein, num_mentions
    FROM dyad_daily
    WHERE source_country IS NOT NULL
    UNION ALL
    SELECT target_country AS country, 'target' AS role, event_date, quad_class,
           goldstein, num_mentions
    FROM dyad_daily
    WHERE target_country IS NOT NULL
)
SELECT
    country,
    role,
    CAST(date_trunc('month', event_date) AS DATE) AS month,
    quad_class,
    count(*) AS num_events,
    CAST(sum(num_mentions) AS BIGINT) AS num_mentions,
    avg(goldstein) AS mean_goldstein
FROM roles
WHERE event_date IS NOT NULL
GROUP BY country, role, CAST(date_trunc('month', event_date) AS DATE), quad_class;

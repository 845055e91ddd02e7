-- 0005: one-sided events (issue #10) in the views.
--
-- An event may name one side only: "the minister resigned" (no target), "12
-- policemen were killed in Mali" (no source). In events every column of the
-- missing side is NULL (text, code, country, sector, offsets), which tells it
-- apart from a named actor the dictionary could not code (text, NULL code).
-- How the views count them:
--   * event_mentions takes every mention whose sides are each coded or
--     missing, with one side coded at least; a mention with a named but uncoded
--     actor is still left out, as in 0002 and 0004. A missing code enters the
--     event key as '' (md5('<date>|RUSGOV||0831')), so the ids of two-sided
--     events do not change.
--   * dyad_daily (read from event_mentions, definition unchanged): a one-sided
--     event is one row like any other, with NULL on its missing side.
--   * events_gdelt: one row per event as before; for a one-sided event the
--     missing actor's columns are NULL (Actor2Code, Actor2Name, ...,
--     Actor2Geo_Type 0), as GDELT leaves Actor2 (or Actor1) empty when an
--     event has one actor. Redefined only to join its parts on NULL codes too.
--   * mentions_gdelt (definition unchanged): Actor1CharOffset or
--     Actor2CharOffset is -1 for the missing side, GDELT's value for an absent
--     actor.
--   * country_month (definition unchanged): a one-sided event counts once, for
--     the role it has (source for "resigned", target for "were killed").
--   * actor_network: an edge needs two ends, so one-sided events are not edges.
--     Redefined to leave them out.
-- And in events_gdelt, as GDELT does, a region or bloc's CAMEO code ("WST",
-- "EURGOV" -> EUR) is its Actor1CountryCode / Actor2CountryCode: an actor code
-- begins with a country, a region code, IGO or NGO (the validation suite checks
-- it), so an actor with no country whose code is not an IGO's or NGO's begins
-- with its region.


CREATE OR REPLACE VIEW event_mentions AS
SELECT
    CAST(('0x' || substr(md5(
        coalesce(CAST(e.event_date AS VARCHAR), '') || '|' || coalesce(e.source_code, '') || '|'
        || coalesce(e.target_code, '') || '|' || coalesce(e.cameo_code, '')), 1, 15)) AS BIGINT)
        AS global_event_id,
    e.event_id,
    e.event_date,
    e.source_code,
    e.target_code,
    e.cameo_code,
    e.cameo_root,
    e.quad_class,
    e.goldstein,
    e.plover_type,
    e.source_country,
    e.target_country,
    e.source_text,
    e.target_text,
    e.source_sector,
    e.target_sector,
    e.doc_id,
    e.sentence_index,
    e.source_start,
    e.target_start,
    e.action_start,
    e.confidence,
    e.location_name,
    e.location_type,
    e.location_country,
    e.latitude,
    e.longitude,
    d.source,
    d.url,
    d.published_date,
    length(d.text) AS doc_length,
    r.finished_at AS loaded_at
FROM events AS e
LEFT JOIN documents AS d ON d.doc_id = e.doc_id
LEFT JOIN runs AS r ON r.run_id = e.run_id
WHERE (e.source_code IS NOT NULL OR e.source_text IS NULL)
  AND (e.target_code IS NOT NULL OR e.target_text IS NULL)
  AND (e.source_code IS NOT NULL OR e.target_code IS NOT NULL);


-- events_gdelt: as defined in 0004, joined on NULL codes too.
CREATE OR REPLACE VIEW events_gdelt AS
WITH located AS (
    SELECT
        *,
        CASE WHEN location_name IS NOT NULL THEN
            {'name': location_name,
             'type': location_type,
             'country': location_country,
             'lat': latitude,
             'lon': longitude}
        END AS location
    FROM event_mentions
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
    FROM located
),
extras AS (
    SELECT
        event_date,
        source_code,
        target_code,
        cameo_code,
        any_value(global_event_id) AS global_event_id,
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
        min(published_date) AS first_published,
        min(loaded_at) AS first_loaded,
        first(url ORDER BY published_date ASC NULLS LAST, doc_id)
            FILTER (WHERE url IS NOT NULL) AS source_url
    FROM weighted
    GROUP BY event_date, source_code, target_code, cameo_code
),
dated AS (
    SELECT
        dd.*,
        x.* EXCLUDE (event_date, source_code, target_code, cameo_code),
        coalesce(dd.event_date, x.first_published,
                 CAST(timezone('UTC', x.first_loaded) AS DATE)) AS day,
        CASE
            WHEN dd.event_date IS NOT NULL THEN 'event'
            WHEN x.first_published IS NOT NULL THEN 'published'
            WHEN x.first_loaded IS NOT NULL THEN 'loaded'
        END AS day_origin,
        CASE WHEN x.location.country = 'USA' AND x.location.type = 'region' THEN 2
             WHEN x.location.country = 'USA' AND x.location.type = 'city' THEN 3
             WHEN x.location.type = 'country' THEN 1
             WHEN x.location.type IN ('city', 'landmark') THEN 4
             WHEN x.location.type = 'region' THEN 5
             ELSE 0
        END AS action_geo_type
    FROM dyad_daily AS dd
    JOIN extras AS x
        ON x.event_date IS NOT DISTINCT FROM dd.event_date
        AND x.source_code IS NOT DISTINCT FROM dd.source_code
        AND x.target_code IS NOT DISTINCT FROM dd.target_code
        AND x.cameo_code IS NOT DISTINCT FROM dd.cameo_code
)
SELECT
    v.global_event_id AS "GlobalEventID",
    CAST(strftime(v.day, '%Y%m%d') AS INTEGER) AS "SQLDATE",
    CAST(strftime(v.day, '%Y%m') AS INTEGER) AS "MonthYear",
    CAST(year(v.day) AS INTEGER) AS "Year",
    round(year(v.day) + ((month(v.day) - 1) * 30 + day(v.day)) / 365.0, 4) AS "FractionDate",
    v.source_code AS "Actor1Code",
    v.actor1_name AS "Actor1Name",
    coalesce(v.source_country, CASE WHEN substr(v.source_code, 1, 3) NOT IN ('IGO', 'NGO')
         THEN substr(v.source_code, 1, 3) END) AS "Actor1CountryCode",
    CASE WHEN length(v.source_code) > 3 AND substr(v.source_code, 1, 3) IN ('IGO', 'NGO')
         THEN substr(v.source_code, 4) END AS "Actor1KnownGroupCode",
    CAST(NULL AS VARCHAR) AS "Actor1EthnicCode",
    CAST(NULL AS VARCHAR) AS "Actor1Religion1Code",
    CAST(NULL AS VARCHAR) AS "Actor1Religion2Code",
    v.actor1_type AS "Actor1Type1Code",
    CAST(NULL AS VARCHAR) AS "Actor1Type2Code",
    CAST(NULL AS VARCHAR) AS "Actor1Type3Code",
    v.target_code AS "Actor2Code",
    v.actor2_name AS "Actor2Name",
    coalesce(v.target_country, CASE WHEN substr(v.target_code, 1, 3) NOT IN ('IGO', 'NGO')
         THEN substr(v.target_code, 1, 3) END) AS "Actor2CountryCode",
    CASE WHEN length(v.target_code) > 3 AND substr(v.target_code, 1, 3) IN ('IGO', 'NGO')
         THEN substr(v.target_code, 4) END AS "Actor2KnownGroupCode",
    CAST(NULL AS VARCHAR) AS "Actor2EthnicCode",
    CAST(NULL AS VARCHAR) AS "Actor2Religion1Code",
    CAST(NULL AS VARCHAR) AS "Actor2Religion2Code",
    v.actor2_type AS "Actor2Type1Code",
    CAST(NULL AS VARCHAR) AS "Actor2Type2Code",
    CAST(NULL AS VARCHAR) AS "Actor2Type3Code",
    CAST(v.is_root AS INTEGER) AS "IsRootEvent",
    v.cameo_code AS "EventCode",
    substr(v.cameo_code, 1, 3) AS "EventBaseCode",
    v.cameo_root AS "EventRootCode",
    CAST(v.quad_class AS INTEGER) AS "QuadClass",
    v.goldstein AS "GoldsteinScale",
    CAST(v.num_mentions AS INTEGER) AS "NumMentions",
    CAST(v.num_sources AS INTEGER) AS "NumSources",
    CAST(v.num_documents AS INTEGER) AS "NumArticles",
    CAST(NULL AS DOUBLE) AS "AvgTone",
    CAST(CASE WHEN c1.iso3 IS NOT NULL THEN 1 ELSE 0 END AS INTEGER) AS "Actor1Geo_Type",
    c1.name AS "Actor1Geo_FullName",
    c1.fips AS "Actor1Geo_CountryCode",
    c1.fips AS "Actor1Geo_ADM1Code",
    CAST(NULL AS VARCHAR) AS "Actor1Geo_ADM2Code",
    c1.latitude AS "Actor1Geo_Lat",
    c1.longitude AS "Actor1Geo_Long",
    c1.fips AS "Actor1Geo_FeatureID",
    CAST(CASE WHEN c2.iso3 IS NOT NULL THEN 1 ELSE 0 END AS INTEGER) AS "Actor2Geo_Type",
    c2.name AS "Actor2Geo_FullName",
    c2.fips AS "Actor2Geo_CountryCode",
    c2.fips AS "Actor2Geo_ADM1Code",
    CAST(NULL AS VARCHAR) AS "Actor2Geo_ADM2Code",
    c2.latitude AS "Actor2Geo_Lat",
    c2.longitude AS "Actor2Geo_Long",
    c2.fips AS "Actor2Geo_FeatureID",
    CAST(v.action_geo_type AS INTEGER) AS "ActionGeo_Type",
    v.location.name AS "ActionGeo_FullName",
    c3.fips AS "ActionGeo_CountryCode",
    CASE WHEN v.action_geo_type = 1 THEN c3.fips END AS "ActionGeo_ADM1Code",
    CAST(NULL AS VARCHAR) AS "ActionGeo_ADM2Code",
    v.location.lat AS "ActionGeo_Lat",
    v.location.lon AS "ActionGeo_Long",
    CASE WHEN v.action_geo_type = 1 THEN c3.fips END AS "ActionGeo_FeatureID",
    CAST(strftime(timezone('UTC', v.first_loaded), '%Y%m%d%H%M%S') AS BIGINT) AS "DATEADDED",
    v.source_url AS "SOURCEURL",
    v.day_origin AS "SQLDATE_Origin"
FROM dated AS v
LEFT JOIN country_codes AS c1 ON c1.iso3 = v.source_country
LEFT JOIN country_codes AS c2 ON c2.iso3 = v.target_country
LEFT JOIN country_codes AS c3 ON c3.iso3 = v.location.country;


-- actor_network: as defined in 0002, over two-sided events only.
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
    WHERE source_code IS NOT NULL AND target_code IS NOT NULL
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

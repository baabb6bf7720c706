-- What the sources of a story agree on, and where one of them says something else.
-- A fact is a date (or a number with its unit). Within a story, a value reported by fewer
-- sources than a close rival value (a date within 3 days; the same unit) is flagged.
-- Parameters: $story (NULL for all), $since (unused).

-- section: Dates by source
WITH facts AS (
    SELECT a.story_id, coalesce(a.source, a.source_file) AS source, d.date, d.date_text
    FROM dates d JOIN articles a USING (article_id)
    WHERE d.date IS NOT NULL AND ($story IS NULL OR a.story_id = $story)
      AND a.story_id IN (SELECT story_id FROM stories WHERE n_articles > 1)
),
support AS (
    SELECT story_id, date, count(DISTINCT source) AS sources, list(DISTINCT source ORDER BY source) AS reported_by
    FROM facts GROUP BY ALL
),
flagged AS (
    SELECT s.*, (
        SELECT max(r.sources) FROM support r
        WHERE r.story_id = s.story_id AND r.date <> s.date AND abs(r.date - s.date) <= 3
    ) AS rival_sources,
    (SELECT count(DISTINCT source) FROM facts f WHERE f.story_id = s.story_id) AS story_sources
    FROM support s
)
SELECT story_id AS story, date, sources, story_sources, array_to_string(reported_by, ', ') AS reported_by,
       CASE WHEN rival_sources > sources THEN 'disagrees: ' || rival_sources || ' sources report a date '
            || 'within 3 days instead' ELSE '' END AS flag
FROM flagged ORDER BY story, date;

-- section: Numbers by source
WITH facts AS (
    SELECT a.story_id, coalesce(a.source, a.source_file) AS source, n.value, n.unit
    FROM numbers n JOIN articles a USING (article_id)
    WHERE n.unit IS NOT NULL AND ($story IS NULL OR a.story_id = $story)
      AND a.story_id IN (SELECT story_id FROM stories WHERE n_articles > 1)
),
support AS (
    SELECT story_id, unit, value, count(DISTINCT source) AS sources, list(DISTINCT source ORDER BY source) AS reported_by
    FROM facts GROUP BY ALL
),
flagged AS (
    SELECT s.*, (SELECT max(r.sources) FROM support r
                 WHERE r.story_id = s.story_id AND r.unit = s.unit AND r.value <> s.value
                   AND r.value BETWEEN s.value * 0.5 AND s.value * 2) AS rival_sources
    FROM support s
)
SELECT story_id AS story, unit, value, sources, array_to_string(reported_by, ', ') AS reported_by,
       CASE WHEN rival_sources > sources THEN 'disagrees: ' || rival_sources || ' sources report another '
            || unit || ' figure' ELSE '' END AS flag
FROM flagged WHERE sources > 1 OR rival_sources IS NOT NULL
ORDER BY story, unit, value;

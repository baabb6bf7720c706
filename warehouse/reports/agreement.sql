-- What the sources of a story agree on, and where one of them says something else.
-- A fact is a date, or a figure with its unit. A value that only one source reports, next to a
-- value that at least half of the story's sources report (a date within 2 days; a figure of the
-- same unit within a factor of 2), is flagged: "one source says 9-10 January, the others 10 January".
-- Parameters: $story (NULL for all), $since (unused).

-- section: Dates by source
WITH facts AS (
    SELECT a.story_id, coalesce(a.source, a.source_file) AS source, d.date
    FROM dates d JOIN articles a USING (article_id)
    WHERE d.date IS NOT NULL AND d.precision = 'day' AND ($story IS NULL OR a.story_id = $story)
),
story_sources AS (SELECT story_id, count(DISTINCT source) AS n FROM facts GROUP BY story_id),
support AS (
    SELECT story_id, date, count(DISTINCT source) AS sources, list(DISTINCT source ORDER BY source) AS reported_by
    FROM facts GROUP BY story_id, date
),
judged AS (
    SELECT s.*, t.n AS story_sources,
           (SELECT max(r.sources) FROM support r
            WHERE r.story_id = s.story_id AND r.date <> s.date AND abs(r.date - s.date) <= 2) AS rival_sources,
           (SELECT min(r.date) FROM support r
            WHERE r.story_id = s.story_id AND r.date <> s.date AND abs(r.date - s.date) <= 2
              AND 2 * r.sources >= t.n) AS rival_date
    FROM support s JOIN story_sources t USING (story_id)
    WHERE t.n >= 2
)
SELECT story_id AS story, date, sources, story_sources, array_to_string(reported_by, ', ') AS reported_by,
       CASE WHEN sources = 1 AND story_sources >= 3 AND rival_date IS NOT NULL
            THEN 'only ' || reported_by[1] || ' says ' || strftime(date, '%-d %B') || '; '
                 || rival_sources || ' of ' || story_sources || ' sources say ' || strftime(rival_date, '%-d %B')
            ELSE '' END AS flag
FROM judged ORDER BY story, date;

-- section: Figures by source
WITH facts AS (
    SELECT a.story_id, coalesce(a.source, a.source_file) AS source, n.value, n.unit
    FROM numbers n JOIN articles a USING (article_id)
    WHERE n.unit IS NOT NULL AND ($story IS NULL OR a.story_id = $story)
),
story_sources AS (SELECT story_id, count(DISTINCT source) AS n FROM (
    SELECT a.story_id, coalesce(a.source, a.source_file) AS source FROM articles a) GROUP BY story_id),
support AS (
    SELECT story_id, unit, value, count(DISTINCT source) AS sources, list(DISTINCT source ORDER BY source) AS reported_by
    FROM facts GROUP BY story_id, unit, value
),
judged AS (
    SELECT s.*, t.n AS story_sources,
           (SELECT max(r.sources) FROM support r
            WHERE r.story_id = s.story_id AND r.unit = s.unit AND r.value <> s.value
              AND r.value BETWEEN s.value / 2 AND s.value * 2 AND 2 * r.sources >= t.n) AS rival_sources
    FROM support s JOIN story_sources t USING (story_id)
    WHERE t.n >= 2
)
SELECT story_id AS story, unit, value, sources, story_sources, array_to_string(reported_by, ', ') AS reported_by,
       CASE WHEN sources = 1 AND story_sources >= 3 AND rival_sources IS NOT NULL
            THEN 'only ' || reported_by[1] || ' reports ' || value || ' ' || unit || '; ' || rival_sources
                 || ' of ' || story_sources || ' sources report another figure'
            ELSE '' END AS flag
FROM judged ORDER BY story, unit, value;

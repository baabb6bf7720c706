-- What the sources of a story agree on, and where one of them says something else.
-- A fact is a date, or a figure with its unit. A value that only one source reports, next to a
-- value that at least half of the story's sources report (a date within 2 days; a figure of the
-- same unit within a factor of 2), is flagged: "one source says 9-10 January, the others 10 January".
-- Parameters: $story (NULL: flags of every story, and the 25 biggest stories in full), $since (unused).

-- section: Dates by source
WITH facts AS (
    SELECT DISTINCT a.story_id, coalesce(a.source, a.source_file) AS source, d.date
    FROM dates d JOIN articles a USING (article_id)
    WHERE d.date IS NOT NULL AND d.precision = 'day' AND a.story_id IS NOT NULL
      AND ($story IS NULL OR a.story_id = $story)
),
story_sources AS (SELECT story_id, count(DISTINCT source) AS n FROM facts GROUP BY story_id HAVING n >= 2),
support AS (
    SELECT f.story_id, f.date, count(*) AS sources, any_value(t.n) AS n, any_value(f.source) AS one_source
    FROM facts f JOIN story_sources t USING (story_id) GROUP BY f.story_id, f.date
),
rivals AS (  -- only a lone source can be out of line, and only against a majority value
    SELECT s.story_id, s.date, max(r.sources) AS rival_sources, min(r.date) AS rival_date
    FROM support s JOIN support r ON r.story_id = s.story_id AND r.date <> s.date
                                  AND r.date BETWEEN s.date - 2 AND s.date + 2 AND 2 * r.sources >= s.n
    WHERE s.sources = 1 AND s.n >= 3
    GROUP BY s.story_id, s.date
),
shown AS (
    SELECT s.*, r.rival_sources, r.rival_date FROM support s LEFT JOIN rivals r USING (story_id, date)
    WHERE r.rival_date IS NOT NULL OR s.story_id IN (SELECT story_id FROM focus_stories($story, 25))
),
named AS (
    SELECT f.story_id, f.date, string_agg(f.source, ', ' ORDER BY f.source) AS reported_by
    FROM facts f SEMI JOIN shown USING (story_id, date) GROUP BY f.story_id, f.date
)
SELECT s.story_id AS story, s.date, s.sources, s.n AS story_sources, n.reported_by,
       CASE WHEN s.rival_date IS NOT NULL
            THEN 'only ' || s.one_source || ' says ' || strftime(s.date, '%-d %B') || '; '
                 || s.rival_sources || ' of ' || s.n || ' sources say ' || strftime(s.rival_date, '%-d %B')
            ELSE '' END AS flag
FROM shown s JOIN named n USING (story_id, date)
ORDER BY story, s.date;

-- section: Figures by source
WITH facts AS (
    SELECT DISTINCT a.story_id, coalesce(a.source, a.source_file) AS source, n.value, n.unit
    FROM numbers n JOIN articles a USING (article_id)
    WHERE n.unit IS NOT NULL AND a.story_id IS NOT NULL AND ($story IS NULL OR a.story_id = $story)
),
story_sources AS (
    SELECT a.story_id, count(DISTINCT coalesce(a.source, a.source_file)) AS n FROM articles a
    WHERE a.story_id IS NOT NULL AND ($story IS NULL OR a.story_id = $story) GROUP BY a.story_id HAVING n >= 2
),
support AS (
    SELECT f.story_id, f.unit, f.value, count(*) AS sources, any_value(t.n) AS n, any_value(f.source) AS one_source
    FROM facts f JOIN story_sources t USING (story_id) GROUP BY f.story_id, f.unit, f.value
),
rivals AS (  -- only a lone source can be out of line, and only against a majority value
    SELECT s.story_id, s.unit, s.value, max(r.sources) AS rival_sources
    FROM support s JOIN support r ON r.story_id = s.story_id AND r.unit = s.unit AND r.value <> s.value
                                  AND r.value BETWEEN s.value / 2 AND s.value * 2 AND 2 * r.sources >= s.n
    WHERE s.sources = 1 AND s.n >= 3
    GROUP BY s.story_id, s.unit, s.value
),
shown AS (
    SELECT s.*, r.rival_sources FROM support s LEFT JOIN rivals r USING (story_id, unit, value)
    WHERE r.rival_sources IS NOT NULL OR s.story_id IN (SELECT story_id FROM focus_stories($story, 25))
),
named AS (
    SELECT f.story_id, f.unit, f.value, string_agg(f.source, ', ' ORDER BY f.source) AS reported_by
    FROM facts f SEMI JOIN shown USING (story_id, unit, value) GROUP BY f.story_id, f.unit, f.value
)
SELECT s.story_id AS story, s.unit, s.value, s.sources, s.n AS story_sources, n.reported_by,
       CASE WHEN s.rival_sources IS NOT NULL
            THEN 'only ' || s.one_source || ' reports ' || s.value || ' ' || s.unit || '; '
                 || s.rival_sources || ' of ' || s.n || ' sources report another figure'
            ELSE '' END AS flag
FROM shown s JOIN named n USING (story_id, unit, value)
ORDER BY story, s.unit, s.value;

-- date_agreement, figure_agreement: what the sources of each story report, and where one of them
-- says something else. A fact is a date (day precision), or a figure with its unit. A value that
-- only one source reports, next to a value that at least half of the story's sources report (a date
-- within 2 days; a figure of the same unit within a factor of 2), is flagged: "one source says
-- 9-10 January, the others 10 January".
--
-- These two are tables, not views: they are computed once when the database is rebuilt after a run
-- (about 1.5 s at a million articles), because every fact of every story must be compared, and a
-- report should not pay that on each call. They are exactly as fresh as the views.

CREATE OR REPLACE TABLE date_agreement AS
WITH facts AS MATERIALIZED (
    SELECT DISTINCT a.story_id, coalesce(a.source, a.source_file) AS source, d.date
    FROM dates d JOIN articles a USING (article_id)
    WHERE d.date IS NOT NULL AND d.precision = 'day' AND a.story_id IS NOT NULL
),
story_sources AS (SELECT story_id, count(DISTINCT source) AS n FROM facts GROUP BY story_id HAVING n >= 2),
support AS (
    SELECT f.story_id, f.date, count(*) AS sources, any_value(t.n) AS n, min(f.source) AS one_source,
           string_agg(f.source, ', ' ORDER BY f.source) AS reported_by
    FROM facts f JOIN story_sources t USING (story_id) GROUP BY f.story_id, f.date
),
rivals AS (  -- only a lone source can be out of line, and only against a value most sources report
    SELECT s.story_id, s.date, max(r.sources) AS rival_sources, arg_max(r.date, r.sources) AS rival_date
    FROM support s JOIN support r ON r.story_id = s.story_id AND r.date <> s.date
                                  AND r.date BETWEEN s.date - 2 AND s.date + 2 AND 2 * r.sources >= s.n
    WHERE s.sources = 1 AND s.n >= 3
    GROUP BY s.story_id, s.date
)
SELECT s.story_id, s.date, s.sources, s.n AS story_sources, s.reported_by,
       CASE WHEN r.rival_date IS NOT NULL
            THEN 'only ' || s.one_source || ' says ' || strftime(s.date, '%-d %B') || '; '
                 || r.rival_sources || ' of ' || s.n || ' sources say ' || strftime(r.rival_date, '%-d %B')
            ELSE '' END AS flag
FROM support s LEFT JOIN rivals r USING (story_id, date)
ORDER BY s.story_id, s.date;

COMMENT ON TABLE date_agreement IS 'Per story and date: how many sources report it, which, and a flag when one source alone disagrees with most.';

CREATE OR REPLACE TABLE figure_agreement AS
WITH facts AS MATERIALIZED (
    SELECT DISTINCT a.story_id, coalesce(a.source, a.source_file) AS source, n.value, n.unit
    FROM numbers n JOIN articles a USING (article_id)
    WHERE n.unit IS NOT NULL AND a.story_id IS NOT NULL
),
story_sources AS (
    SELECT story_id, count(DISTINCT coalesce(source, source_file)) AS n FROM articles
    WHERE story_id IS NOT NULL GROUP BY story_id HAVING n >= 2
),
support AS (
    SELECT f.story_id, f.unit, f.value, count(*) AS sources, any_value(t.n) AS n, min(f.source) AS one_source,
           string_agg(f.source, ', ' ORDER BY f.source) AS reported_by
    FROM facts f JOIN story_sources t USING (story_id) GROUP BY f.story_id, f.unit, f.value
),
rivals AS (  -- only a lone source can be out of line, and only against a value most sources report
    SELECT s.story_id, s.unit, s.value, max(r.sources) AS rival_sources
    FROM support s JOIN support r ON r.story_id = s.story_id AND r.unit = s.unit AND r.value <> s.value
                                  AND r.value BETWEEN s.value / 2 AND s.value * 2 AND 2 * r.sources >= s.n
    WHERE s.sources = 1 AND s.n >= 3
    GROUP BY s.story_id, s.unit, s.value
)
SELECT s.story_id, s.unit, s.value, s.sources, s.n AS story_sources, s.reported_by,
       CASE WHEN r.rival_sources IS NOT NULL
            THEN 'only ' || s.one_source || ' reports ' || s.value || ' ' || s.unit || '; '
                 || r.rival_sources || ' of ' || s.n || ' sources report another figure'
            ELSE '' END AS flag
FROM support s LEFT JOIN rivals r USING (story_id, unit, value)
ORDER BY s.story_id, s.unit, s.value;

COMMENT ON TABLE figure_agreement IS 'Per story and figure (value and unit): how many sources report it, which, and a flag when one source alone disagrees with most.';

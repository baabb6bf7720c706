-- What the sources of a story agree on, and where one of them says something else.
-- The comparison itself is computed when the database is built (30_agreement.sql); this report
-- picks the flags of every story and, in full, the stories in focus.
-- Parameters: $story (NULL: flags of every story, and the 25 biggest stories in full), $since (unused).

-- section: Dates by source
SELECT story_id AS story, date, sources, story_sources, reported_by, flag
FROM date_agreement
WHERE CASE WHEN $story IS NULL THEN flag <> '' OR story_id IN (SELECT story_id FROM focus_stories(NULL, 25))
           ELSE story_id = $story END
ORDER BY story, date;

-- section: Figures by source
SELECT story_id AS story, unit, value, sources, story_sources, reported_by, flag
FROM figure_agreement
WHERE CASE WHEN $story IS NULL THEN flag <> '' OR story_id IN (SELECT story_id FROM focus_stories(NULL, 25))
           ELSE story_id = $story END
ORDER BY story, unit, value;

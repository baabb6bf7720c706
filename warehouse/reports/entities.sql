-- Who and where: top persons, organisations and locations, with the spellings seen.
-- Parameters: $story (NULL: all articles, and the 25 biggest stories in detail), $since (published on or after).

-- section: Top entities
-- Ranked by the number of articles naming them. Counting distinct articles for every name of
-- millions of mentions takes seconds, so the 40 most mentioned names of each type are
-- shortlisted first (a name in many articles is mentioned at least as often), then counted exactly.
WITH scoped AS (
    SELECT e.type, e.name, e.surface, e.article_id
    FROM entities e
    WHERE ($story IS NULL AND $since IS NULL) OR e.article_id IN (
        SELECT article_id FROM articles
        WHERE ($story IS NULL OR story_id = $story) AND ($since IS NULL OR published >= CAST($since AS DATE)))
),
shortlist AS (
    SELECT type, name FROM scoped GROUP BY type, name
    QUALIFY row_number() OVER (PARTITION BY type ORDER BY count(*) DESC, name) <= 40
),
counted AS (
    SELECT s.type, s.name, count(DISTINCT s.article_id) AS articles, count(*) AS mentions,
           count(DISTINCT a.lang) AS languages, string_agg(DISTINCT s.surface, ' | ' ORDER BY s.surface) AS spellings
    FROM scoped s SEMI JOIN shortlist USING (type, name) JOIN articles a USING (article_id)
    GROUP BY s.type, s.name
)
SELECT type, name, articles, mentions, languages, spellings FROM counted
QUALIFY row_number() OVER (PARTITION BY type ORDER BY articles DESC, mentions DESC, name) <= 15
ORDER BY type, articles DESC, mentions DESC, name;

-- section: Entities per story and language
SELECT a.story_id AS story, a.lang AS language, e.type, e.name, count(*) AS mentions
FROM entities e JOIN articles a USING (article_id)
WHERE a.story_id IN (SELECT story_id FROM focus_stories($story, 25))
  AND ($since IS NULL OR a.published >= CAST($since AS DATE))
GROUP BY a.story_id, a.lang, e.type, e.name
QUALIFY row_number() OVER (PARTITION BY a.story_id, a.lang, e.type ORDER BY count(*) DESC, e.name) <= 5
ORDER BY story, language, type, mentions DESC, name;

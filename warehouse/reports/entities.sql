-- Who and where: top persons, organisations and locations, with the spellings seen.
-- Parameters: $story (NULL for all), $since (NULL for all: articles published on or after).

-- section: Top entities
WITH scoped AS (
    SELECT e.*, a.lang, a.story_id FROM entities e JOIN articles a USING (article_id)
    WHERE ($story IS NULL OR a.story_id = $story) AND ($since IS NULL OR a.published >= CAST($since AS DATE))
)
SELECT type, name, count(DISTINCT article_id) AS articles, count(*) AS mentions,
       count(DISTINCT lang) AS languages,
       string_agg(DISTINCT surface, ' | ' ORDER BY surface) AS spellings
FROM scoped
GROUP BY type, name
QUALIFY row_number() OVER (PARTITION BY type ORDER BY count(DISTINCT article_id) DESC, count(*) DESC, name) <= 15
ORDER BY type, articles DESC, mentions DESC, name;

-- section: Entities per story and language
SELECT a.story_id AS story, a.lang AS language, e.type, e.name, count(*) AS mentions
FROM entities e JOIN articles a USING (article_id)
WHERE ($story IS NULL OR a.story_id = $story) AND ($since IS NULL OR a.published >= CAST($since AS DATE))
GROUP BY a.story_id, a.lang, e.type, e.name
QUALIFY row_number() OVER (PARTITION BY a.story_id, a.lang, e.type ORDER BY count(*) DESC, e.name) <= 5
ORDER BY story, language, type, mentions DESC, name;

-- Articles per language and source, translation status, and recent runs.
-- Parameters: $story (NULL for all), $since (NULL for all: published on or after).

-- section: Articles per language
SELECT lang AS language, count(*) AS articles,
       count(*) FILTER (WHERE translation_status = 'translated') AS translated,
       min(published) AS first_published, max(published) AS last_published
FROM articles
WHERE ($story IS NULL OR story_id = $story) AND ($since IS NULL OR published >= CAST($since AS DATE))
GROUP BY ALL ORDER BY articles DESC, language;

-- section: Articles per source
SELECT coalesce(source, '(unknown)') AS source, count(*) AS articles,
       string_agg(DISTINCT lang, ', ' ORDER BY lang) AS languages
FROM articles
WHERE ($story IS NULL OR story_id = $story) AND ($since IS NULL OR published >= CAST($since AS DATE))
GROUP BY ALL ORDER BY articles DESC, source;

-- section: Translation status
SELECT translation_status AS status, coalesce(translation_model, '') AS model, count(*) AS articles,
       string_agg(DISTINCT lang, ', ' ORDER BY lang) AS languages
FROM articles
WHERE ($story IS NULL OR story_id = $story) AND ($since IS NULL OR published >= CAST($since AS DATE))
GROUP BY ALL ORDER BY articles DESC, status;

-- section: Runs
SELECT count(*) AS runs, count(*) FILTER (WHERE status = 'completed') AS completed,
       count(*) FILTER (WHERE status = 'failed') AS failed, sum(articles_new) AS articles_added,
       sum(quarantined) AS quarantined, max(finished_at) AS last_run
FROM runs;

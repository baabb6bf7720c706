-- Who said what: quotes by speaker, in the original and in English, with their source.
-- Parameters: $story (NULL: the 25 biggest stories), $since (articles published on or after).

-- section: Quotes by speaker
SELECT coalesce(q.speaker, '(unattributed)') AS speaker, a.lang AS language,
       coalesce(a.source, a.source_file) AS source, q.text AS quote, q.text_en AS quote_en,
       a.story_id AS story, q.article_id
FROM quotes q JOIN articles a USING (article_id)
WHERE a.story_id IN (SELECT story_id FROM focus_stories($story, 25))
  AND ($since IS NULL OR a.published >= CAST($since AS DATE))
ORDER BY q.speaker IS NULL, speaker, story, q.article_id, q.start_char;

-- section: Speakers
SELECT coalesce(q.speaker, '(unattributed)') AS speaker, count(*) AS quotes,
       count(DISTINCT q.article_id) AS articles,
       string_agg(DISTINCT a.lang, ', ' ORDER BY a.lang) AS languages
FROM quotes q JOIN articles a USING (article_id)
WHERE ($story IS NULL OR a.story_id = $story) AND ($since IS NULL OR a.published >= CAST($since AS DATE))
GROUP BY ALL ORDER BY quotes DESC, speaker LIMIT 50;

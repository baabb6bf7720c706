-- Dates mentioned per story (announced events), and how many sources mention each.
-- Parameters: $story (NULL: the 25 biggest stories), $since (dates on or after).

-- section: Timeline
SELECT a.story_id AS story, d.date_text AS date_text, any_value(d.precision) AS precision,
       count(DISTINCT coalesce(a.source, a.source_file)) AS sources,
       count(DISTINCT d.article_id) AS articles,
       string_agg(DISTINCT d.surface, ' | ' ORDER BY d.surface) AS as_written
FROM dates d JOIN articles a USING (article_id)
WHERE a.story_id IN (SELECT story_id FROM focus_stories($story, 25))
  AND ($since IS NULL OR d.date >= CAST($since AS DATE) OR d.date IS NULL)
GROUP BY ALL
ORDER BY story, min(d.date) NULLS LAST, date_text;

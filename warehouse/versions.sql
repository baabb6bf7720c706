-- superseded_articles: article versions that a newer version of the same source replaced.
-- A source is one input folder + file + .jsonl line + feed entry or archived page (input_root,
-- source_file, source_line, source_item). Its
-- current version is the article its latest new or duplicate item points to; when a file is edited,
-- the edit is a new article and the earlier text is superseded. An old version stays current while
-- any source still points to it (the same text in another file). A quarantined edit supersedes
-- nothing: the last good version stays. The per-article views (articles, paragraphs, entities, ...)
-- hide superseded versions; article_versions shows them all.
CREATE OR REPLACE TABLE superseded_articles AS
WITH versions AS (
    SELECT coalesce(input_root, '') AS root, source_file, coalesce(source_line, 0) AS line,
           coalesce(source_item, '') AS item, article_id, detected_at,
           row_number() OVER (PARTITION BY coalesce(input_root, ''), source_file, coalesce(source_line, 0),
                                           coalesce(source_item, '')
                              ORDER BY detected_at DESC, run_id DESC) AS age
    FROM source_files
    WHERE outcome IN ('new', 'duplicate') AND article_id IS NOT NULL
),
current_versions AS (SELECT * FROM versions WHERE age = 1)
SELECT v.article_id, arg_max(c.article_id, c.detected_at) AS superseded_by,
       arg_max(v.source_file, c.detected_at) AS source_file, max(c.detected_at) AS superseded_at
FROM versions v JOIN current_versions c USING (root, source_file, line, item)
WHERE v.age > 1 AND v.article_id <> c.article_id
  AND v.article_id NOT IN (SELECT article_id FROM current_versions)
GROUP BY v.article_id;

COMMENT ON TABLE superseded_articles IS 'Article versions replaced by a newer version of the same source file: superseded_by is the current article, superseded_at when the newer version was ingested.';

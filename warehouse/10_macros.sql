-- Macros for the filters analysts use most. Table macros: SELECT * FROM articles_in('de');

-- Articles in one language (ISO 639-1 code, e.g. 'nb', 'de').
CREATE OR REPLACE MACRO articles_in(language) AS TABLE
    SELECT * FROM articles WHERE lang = language;

-- Articles published in a date range (inclusive); month-precision dates count from the 1st.
CREATE OR REPLACE MACRO articles_between(first_day, last_day) AS TABLE
    SELECT * FROM articles WHERE published BETWEEN CAST(first_day AS DATE) AND CAST(last_day AS DATE);

-- Articles of one story.
CREATE OR REPLACE MACRO story_articles(story) AS TABLE
    SELECT * FROM articles WHERE story_id = story;

-- The stories a report details: the given one, or else the biggest `n` (newest first on ties).
-- Reports list every story only in summaries; details for 100,000 stories help nobody.
CREATE OR REPLACE MACRO focus_stories(story, n) AS TABLE
    SELECT story_id FROM stories
    WHERE CASE WHEN story IS NULL
               THEN story_id IN (SELECT story_id FROM stories
                                 ORDER BY n_articles DESC, first_published DESC NULLS LAST, story_id LIMIT n)
               ELSE story_id = story END;

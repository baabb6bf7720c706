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

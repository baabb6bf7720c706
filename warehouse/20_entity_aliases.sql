-- entity_aliases: every spelling seen of each canonical entity, per language.
-- "Jury Usjakov" (nb), "Juri Uschakow" (de), "Yuri Ushakov" (en) all under name 'Yuri Ushakov'.
CREATE OR REPLACE VIEW entity_aliases AS
SELECT e.type, e.name, e.surface AS alias, a.lang, count(*) AS mentions, count(DISTINCT e.article_id) AS articles
FROM entities e JOIN articles a USING (article_id)
GROUP BY e.type, e.name, e.surface, a.lang;

COMMENT ON VIEW entity_aliases IS 'Every spelling (alias) seen of each canonical entity name, per language, with counts.';

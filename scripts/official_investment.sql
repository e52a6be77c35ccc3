-- Investment at the events each official attended, each event counted once
-- (officials x article_events x events; CNY, the rows that make each event's total).
WITH attended AS (
    SELECT DISTINCT o.person_id, o.name, ae.event_id
    FROM officials AS o, unnest(o.doc_ids) AS d(doc_id)
    JOIN article_events AS ae ON ae.doc_id = d.doc_id
),
place AS (
    SELECT person_id, string_agg(DISTINCT post || '（' || place || '）', '、') AS posts
    FROM officials WHERE place IS NOT NULL GROUP BY person_id
)
SELECT a.name, p.posts, count(DISTINCT a.event_id) AS events, sum(e.amount) AS investment_cny
FROM attended AS a JOIN events AS e USING (event_id) JOIN place AS p USING (person_id)
WHERE e.counted AND e.currency = 'CNY'
GROUP BY a.person_id, a.name, p.posts
ORDER BY investment_cny DESC, a.name
LIMIT 10;

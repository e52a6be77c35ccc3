-- Total 签约 (signing) investment per month of the event, in CNY, from `zhnews export --duckdb`.
-- Breakdowns (segment) are left out so no yuan is counted twice; year is NULL where the report gives none.
SELECT a.event_year AS year, a.event_month AS month, count(*) AS figures, sum(s.amount) AS signed_cny
FROM project_stats AS s
JOIN articles AS a USING (doc_id)
WHERE s.category = '签约' AND s.currency = 'CNY' AND s.segment IS NULL
GROUP BY ALL
ORDER BY year NULLS FIRST, month;

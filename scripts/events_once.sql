-- Investment per kind of batch: every batch-level figure of every record, against each event once
-- (an event reported by several records, or a province's total beside its cities', counted once).
WITH per_record AS (
    SELECT coalesce(category, '(several kinds)') AS category, count(*) AS figures, sum(amount) AS summed_per_record
    FROM project_stats WHERE segment IS NULL AND currency = 'CNY' GROUP BY ALL
),
once AS (
    SELECT coalesce(category, '(several kinds)') AS category, count(DISTINCT event_id) AS events,
           sum(amount) AS once_per_event
    FROM events WHERE counted AND currency = 'CNY' GROUP BY ALL
)
SELECT category, figures, summed_per_record, events, once_per_event
FROM per_record FULL JOIN once USING (category)
ORDER BY category NULLS LAST;

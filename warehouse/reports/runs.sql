-- Pipeline runs: durations, accounting, and the files each run quarantined.
-- Parameters: $since (NULL for all: runs started on or after), $story (unused).

-- section: Runs
SELECT run_id, flow_run_name, status, started_at,
       round(epoch(finished_at) - epoch(started_at), 2) AS seconds,
       files_seen, items_seen, articles_new, duplicates, quarantined, unchanged,
       items_seen = articles_new + duplicates + quarantined + unchanged AS accounted, error
FROM runs
WHERE $since IS NULL OR started_at >= CAST($since AS TIMESTAMPTZ)
ORDER BY started_at DESC;

-- section: Quarantined items
SELECT q.detected_at, q.source_file, q.source_line, q.reason, q.detail, q.run_id
FROM quarantine q
WHERE $since IS NULL OR q.detected_at >= CAST($since AS TIMESTAMPTZ)
ORDER BY q.detected_at DESC, q.source_file, q.source_line;

-- silver.session_hits: web_hits cut into sessions, kept so that a later conform
-- run re-cuts only the visitors with new hits. A tracker event delivered more than once (same
-- dedupe_key) is kept once: the copy ingested last. Each visitor's hits (web_hits.visitor) are cut
-- into sessions: a session ends after 30 minutes without a hit: a gap of 30:00 or more
-- between two hits of a visitor starts a new session (29 minutes do not). session_id is a hash
-- of the visitor and the session start, so it is stable across re-runs. Which person a session
-- belongs to is not decided here but in session_customers, because a later login can change it
-- without a new hit of the visitor. Neither the ip nor the user agent is kept: the visitor key
-- holds what sessions need, and of the agent only device class and browser family remain.
WITH deduped AS (
  -- only tracker events can arrive twice: a log hit's dedupe_key is its bronze row, so log hits
  -- skip the shuffle by dedupe_key
  SELECT h.*, 1 AS copy_no
  FROM web_hits h
  WHERE origin = 'web_logs'
  UNION ALL
  SELECT *
  FROM (
    SELECT h.*,
           row_number() OVER (PARTITION BY dedupe_key ORDER BY _ingested_at DESC NULLS LAST, _file, _line) AS copy_no
    FROM web_hits h
    WHERE origin <> 'web_logs'
  )
  WHERE copy_no = 1
),
gaps AS (
  SELECT *, lag(ts) OVER (PARTITION BY visitor ORDER BY ts, origin, hit_key) AS previous_ts
  FROM deduped
),
sessioned AS (
  -- one window (same partition and order) carries each session's start time and id to its hits;
  -- the id is hashed once per session, on its first hit
  SELECT *,
         max(CASE WHEN is_start = 1 THEN ts END) OVER w AS session_started_at,
         last(CASE WHEN is_start = 1
                   THEN substr(sha2(concat(visitor, '|', CAST(unix_micros(ts) AS STRING)), 256), 1, 32) END, true) OVER w AS session_id
  FROM (
    SELECT *,
           CASE WHEN previous_ts IS NULL OR unix_micros(ts) - unix_micros(previous_ts) >= :session_timeout_micros THEN 1 ELSE 0 END AS is_start
    FROM gaps
  )
  WINDOW w AS (PARTITION BY visitor ORDER BY ts, origin, hit_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT session_id,
       visitor,
       session_started_at,
       origin, source, hit_key, dedupe_key,
       cookie_id, device_class, browser_family, user_id, ts, url, url_path, referrer, utm_source, utm_medium,
       event, is_page_view, confirmed_order_id, sku, page_group,
       _ingested_at, ingest_date, _file, _line
FROM sessioned

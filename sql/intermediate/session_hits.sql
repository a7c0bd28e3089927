-- Ephemeral model (kept in memory for sessions and page_views): web_hits cut into sessions.
-- A visitor is a cookie id, else (no cookie) the pair ip + user agent. A session ends after 30
-- minutes without a hit: a gap of 30:00 or more between two hits of a visitor starts a new
-- session (29 minutes do not). session_id is a hash of the visitor and the session start, so it
-- is stable across re-runs. The session's customer is the person it was logged in as (a hit
-- with a user id), else the person its cookie resolves to in silver.identities; its key is the
-- customer_key of that same identity row (max_by, as a session may hold two logins).
WITH keyed AS (
  SELECT h.*,
         coalesce(cookie_id, concat('ipua:', sha1(concat_ws('|', coalesce(ip, '-'), coalesce(user_agent, '-'))))) AS visitor
  FROM web_hits h
),
gaps AS (
  SELECT *, lag(ts) OVER (PARTITION BY visitor ORDER BY ts, origin, hit_key) AS previous_ts
  FROM keyed
),
sessioned AS (
  -- one window (same partition and order) numbers the sessions and carries each one's start time
  SELECT *,
         sum(is_start) OVER w AS session_no,
         max(CASE WHEN is_start = 1 THEN ts END) OVER w AS session_started_at
  FROM (
    SELECT *,
           CASE WHEN previous_ts IS NULL OR unix_micros(ts) - unix_micros(previous_ts) >= :session_timeout_micros THEN 1 ELSE 0 END AS is_start
    FROM gaps
  )
  WINDOW w AS (PARTITION BY visitor ORDER BY ts, origin, hit_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
resolved AS (
  SELECT s.*,
         substr(sha2(concat(s.visitor, '|', CAST(unix_micros(s.session_started_at) AS STRING)), 256), 1, 32) AS session_id,
         iu.customer_id AS user_customer_id,
         iu.customer_key AS user_customer_key,
         ck.customer_id AS cookie_customer_id,
         ck.customer_key AS cookie_customer_key
  FROM sessioned s
  LEFT JOIN identities ck ON ck.identity_type = 'cookie' AND ck.identity_value = s.cookie_id
  LEFT JOIN identities iu ON iu.identity_type = 'customer_id' AND iu.identity_value = s.user_id
)
SELECT r.*,
       coalesce(max(user_customer_id) OVER (PARTITION BY session_id), max(cookie_customer_id) OVER (PARTITION BY session_id)) AS session_customer_id,
       coalesce(max_by(user_customer_key, user_customer_id) OVER (PARTITION BY session_id),
                max_by(cookie_customer_key, cookie_customer_id) OVER (PARTITION BY session_id)) AS session_customer_key
FROM resolved r

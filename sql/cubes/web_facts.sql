-- Facts of the web cube: one row per human session up to :as_of. A visitor is the cookie, or the
-- session itself when the cookie is unknown.
SELECT YEAR(session_date) AS year,
       CONCAT(YEAR(session_date), '-Q', QUARTER(session_date)) AS quarter,
       DATE_FORMAT(session_date, 'yyyy-MM') AS month,
       CAST(session_date AS STRING) AS day,
       COALESCE(traffic_source, '(unknown)') AS traffic_source,
       COALESCE(device_class, '(unknown)') AS device_class,
       COALESCE(landing_page_group, '(unknown)') AS landing_page_group,
       COALESCE(cookie_id, session_id) AS visitor_id,
       page_views,
       is_bounce,
       is_converted
FROM sessions
WHERE session_date <= :as_of
  AND NOT is_bot

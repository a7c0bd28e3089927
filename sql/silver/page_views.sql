-- silver.page_views: one row per page seen by a person (not a bot): access-log GETs of pages
-- (static assets excluded) and tracker page_view / product_view events, with their session and
-- the session's person (session_customers).
SELECT h.session_id,
       cookie_id,
       c.customer_id,
       ts AS viewed_at,
       url,
       url_path,
       page_group,
       event,
       sku,
       referrer,
       source,
       to_date(from_utc_timestamp(ts, :timezone)) AS view_date
FROM session_hits h
LEFT JOIN session_customers c ON c.session_id = h.session_id
WHERE is_page_view

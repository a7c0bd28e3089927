-- silver.page_views: one row per page seen by a person (not a bot): access-log GETs of pages
-- (static assets excluded) and tracker page_view / product_view events, with their session. Whose
-- view it is comes from session_customers, which readers join (as for sessions).
SELECT session_id,
       cookie_id,
       ts AS viewed_at,
       url,
       url_path,
       page_group,
       event,
       sku,
       referrer,
       source,
       to_date(from_utc_timestamp(ts, :timezone)) AS view_date
FROM session_hits
WHERE is_page_view

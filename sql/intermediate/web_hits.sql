-- Ephemeral model (not written): every request and tracker event that shows a person on the site,
-- in one shape. Excluded here and counted by Sessionization: bot traffic (is_bot from ingest's
-- bot_agents list) and, from access logs, static assets (css, js, images, fonts, feeds, ...).
-- A log request is a page view when it is a GET answered 2xx or 304; other requests (POSTs,
-- redirects, errors) still count as activity for the 30-minute session timeout. Tracker events
-- page_view and product_view are page views; the other events are activity. A tracker event
-- delivered twice (same event_id) shares its dedupe_key; session_hits keeps one copy, so that an
-- incremental run can dedupe a late copy against the hits it already holds.
WITH log_hits AS (
  SELECT 'web_logs' AS origin,
         _source AS source,
         concat(_file, ':', CAST(_line AS STRING)) AS hit_key,
         cookie_id, ip, user_agent, user_id, ts, url, url_path, referrer,
         nullif(lower(regexp_extract(url, '[?&]utm_source=([^&#]*)', 1)), '') AS utm_source,
         nullif(lower(regexp_extract(url, '[?&]utm_medium=([^&#]*)', 1)), '') AS utm_medium,
         (method IS NULL OR method = 'GET') AND (status IS NULL OR status BETWEEN 200 AND 299 OR status = 304) AS is_page_view,
         confirmed_order_id,
         CAST(NULL AS STRING) AS sku,
         concat('l:', _source, ':', _file, ':', CAST(_line AS STRING)) AS dedupe_key,
         _ingested_at, ingest_date, _file, _line
  FROM stg_web_logs
  WHERE NOT is_bot AND NOT is_static_asset AND ts IS NOT NULL
),
event_hits AS (
  SELECT 'web_events' AS origin,
         _source AS source,
         coalesce(event_id, concat(_file, ':', CAST(_line AS STRING))) AS hit_key,
         anonymous_id AS cookie_id, ip, user_agent, user_id, ts, url, url_path, referrer,
         coalesce(utm_source, nullif(lower(regexp_extract(url, '[?&]utm_source=([^&#]*)', 1)), '')) AS utm_source,
         coalesce(utm_medium, nullif(lower(regexp_extract(url, '[?&]utm_medium=([^&#]*)', 1)), '')) AS utm_medium,
         coalesce(event, 'unknown') AS event,
         coalesce(event IN ('page_view', 'product_view'), FALSE) AS is_page_view,
         confirmed_order_id,
         sku,
         concat('e:', coalesce(event_id, concat(_source, ':', _file, ':', CAST(_line AS STRING)))) AS dedupe_key,
         _ingested_at, ingest_date, _file, _line
  FROM stg_web_events
  WHERE NOT is_bot AND ts IS NOT NULL
),
hits AS (
  SELECT origin, source, hit_key, cookie_id, ip, user_agent, user_id, ts, url, url_path, referrer,
         utm_source, utm_medium, CASE WHEN is_page_view THEN 'page_view' ELSE 'request' END AS event,
         is_page_view, confirmed_order_id, sku, dedupe_key, _ingested_at, ingest_date, _file, _line
  FROM log_hits
  UNION ALL
  SELECT origin, source, hit_key, cookie_id, ip, user_agent, user_id, ts, url, url_path, referrer,
         utm_source, utm_medium, event, is_page_view, confirmed_order_id, sku, dedupe_key, _ingested_at, ingest_date, _file, _line
  FROM event_hits
),
agents AS (
  -- what sessions keep of the user agent, decided once per distinct agent: the patterns are
  -- unanchored and agents long, and matching them on every hit was most of this model's cost;
  -- the agents of bot and static requests are in here too, which does no harm
  SELECT ua,
         CASE
           WHEN ua RLIKE 'ipad|tablet|kindle|silk/|playbook|android(?!.*mobile)' THEN 'tablet'
           WHEN ua RLIKE 'mobi|iphone|ipod|android|windows phone|blackberry|opera mini' THEN 'mobile'
           ELSE 'desktop'
         END AS device_class,
         CASE
           WHEN ua RLIKE 'edg(e|a|ios)?/' THEN 'Edge'
           WHEN ua RLIKE 'opr/|opera' THEN 'Opera'
           WHEN ua RLIKE 'samsungbrowser/' THEN 'Samsung Internet'
           WHEN ua RLIKE 'firefox/|fxios/' THEN 'Firefox'
           WHEN ua RLIKE 'chrome/|crios/|chromium/' THEN 'Chrome'
           WHEN ua RLIKE 'msie |trident/' THEN 'Internet Explorer'
           WHEN ua RLIKE 'safari/|applewebkit/' THEN 'Safari'
           ELSE 'other'
         END AS browser_family
  FROM (
    SELECT lower(user_agent) AS ua FROM stg_web_logs WHERE user_agent IS NOT NULL
    UNION
    SELECT lower(user_agent) AS ua FROM stg_web_events WHERE user_agent IS NOT NULL
  )
)
SELECT /*+ BROADCAST(a) */
       h.*,
       -- who is visiting: the cookie id, else (no cookie) the pair ip + user agent
       coalesce(cookie_id, concat('ipua:', sha1(concat_ws('|', coalesce(ip, '-'), coalesce(user_agent, '-'))))) AS visitor,
       -- what sessions keep of the user agent (the agent itself is not kept after sessions are cut)
       coalesce(a.device_class, 'unknown') AS device_class,
       coalesce(a.browser_family, 'unknown') AS browser_family,
       CASE
         WHEN p IN ('', '/', '/index.html', '/index.php', '/home') THEN 'home'
         WHEN h.confirmed_order_id IS NOT NULL OR p RLIKE '(confirm|thank-?you|danke)' THEN 'confirmation'
         WHEN p RLIKE '^/(checkout|kasse|payment)(/|$)' THEN 'checkout'
         WHEN p RLIKE '^/(cart|basket|warenkorb)(/|$)' THEN 'cart'
         WHEN p RLIKE '^/(products?|p|items?|artikel|produkt)(/|$)' THEN 'product'
         WHEN p RLIKE '^/(category|categories|c|collections?|kategorie|shop)(/|$)' THEN 'category'
         WHEN p RLIKE '^/(search|suche)(/|$)' THEN 'search'
         WHEN p RLIKE '^/(account|login|logout|register|signin|signup|my|konto)(/|$)' THEN 'account'
         WHEN p RLIKE '^/(blog|news|magazin|articles?|presentations?)(/|$)' THEN 'content'
         WHEN p RLIKE '^/(help|faq|support|contact|kontakt|service)(/|$)' THEN 'service'
         ELSE 'other'
       END AS page_group
FROM (SELECT hits.*, lower(coalesce(url_path, '')) AS p, lower(user_agent) AS ua FROM hits) h
LEFT JOIN agents a ON h.ua = a.ua

-- silver.sessions: one row per visit (see session_hits for how visits are cut). Whose visit it is
-- is not stored here but in session_customers, which readers join.
-- landing_page: path of the first page view. traffic_source from the first hit:
--   paid (utm_medium cpc/ppc/paid*/display/cpm, or a gclid/msclkid/dclid click id),
--   email (utm_medium email/newsletter, or a web-mail referrer), social (utm_medium social*, or a
--   social network referrer), organic_search (utm_medium organic, or a search engine referrer
--   without click id), referral (another site, or UTM tags without a known medium), direct (no
--   referrer, or one from the landing page's own host).
-- device_class (tablet, mobile, desktop; unknown without a user agent) and browser_family of the
-- first hit, as web_hits reduced its user agent.
-- is_bounce: at most one page view and no interaction (cart, checkout, purchase, login, signup).
-- is_converted: a purchase event or an order confirmation page in the visit.
-- is_bot is always false: bot traffic is filtered before sessions are cut (Sessionization counts it).
WITH agg AS (
  SELECT session_id,
         max(cookie_id) AS cookie_id,
         min(ts) AS started_at,
         max(ts) AS ended_at,
         CAST(count_if(is_page_view) AS INT) AS page_views,
         CAST(count(*) AS INT) AS hits,
         bool_or(event IN ('add_to_cart', 'checkout', 'purchase', 'login', 'newsletter_signup')) AS has_interaction,
         bool_or(event = 'purchase' OR confirmed_order_id IS NOT NULL) AS is_converted,
         min_by(CASE WHEN is_page_view THEN url_path END, CASE WHEN is_page_view THEN struct(ts, origin, hit_key) END) AS landing_page,
         min_by(CASE WHEN is_page_view THEN page_group END, CASE WHEN is_page_view THEN struct(ts, origin, hit_key) END) AS landing_page_group,
         min_by(struct(url, referrer, utm_source, utm_medium, device_class, browser_family), struct(ts, origin, hit_key)) AS first_hit
  FROM session_hits
  GROUP BY session_id
),
classified AS (
  SELECT a.*,
         lower(nullif(regexp_extract(first_hit.referrer, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1), '')) AS referrer_host,
         lower(nullif(regexp_extract(first_hit.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1), '')) AS url_host,
         first_hit.utm_medium AS medium,
         first_hit.utm_source AS utm_src,
         first_hit.url RLIKE '[?&](gclid|msclkid|dclid|gbraid|wbraid)=' AS has_click_id,
         first_hit.device_class AS first_device_class,
         first_hit.browser_family AS first_browser_family
  FROM agg a
)
SELECT session_id,
       cookie_id,
       started_at,
       ended_at,
       CAST(unix_seconds(ended_at) - unix_seconds(started_at) AS INT) AS duration_s,
       page_views,
       hits,
       landing_page,
       landing_page_group,
       CASE
         WHEN has_click_id OR medium RLIKE '^(cpc|ppc|paid.*|display|cpm|cpv|banner|retargeting)$' THEN 'paid'
         WHEN medium RLIKE '^(e-?mail|newsletter|mail)$' OR utm_src RLIKE '^(newsletter|e-?mail)$' THEN 'email'
         WHEN medium RLIKE '^(social.*|sm|social-network)$' THEN 'social'
         WHEN medium = 'organic' THEN 'organic_search'
         WHEN referrer_host IS NULL AND (medium IS NOT NULL OR utm_src IS NOT NULL) THEN 'referral'
         WHEN referrer_host IS NULL THEN 'direct'
         WHEN url_host IS NOT NULL AND referrer_host = url_host THEN 'direct'
         WHEN referrer_host RLIKE '(^|\\.)(google|bing|yahoo|duckduckgo|ecosia|baidu|yandex|qwant|startpage|ask|search\\.brave)\\.' THEN 'organic_search'
         WHEN referrer_host RLIKE '(^|\\.)(facebook|fb|instagram|twitter|t|x|linkedin|lnkd|pinterest|youtube|tiktok|reddit|xing|whatsapp)\\.[a-z]+$' THEN 'social'
         WHEN referrer_host RLIKE '(^|\\.)(mail|webmail|outlook|gmx|web)\\.' THEN 'email'
         ELSE 'referral'
       END AS traffic_source,
       first_device_class AS device_class,
       first_browser_family AS browser_family,
       page_views <= 1 AND NOT has_interaction AND NOT is_converted AS is_bounce,
       is_converted,
       FALSE AS is_bot,
       to_date(from_utc_timestamp(started_at, :timezone)) AS session_date
FROM classified

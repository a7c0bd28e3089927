-- Staging: tracker events of every web_events source in the spelling the models compare on (see
-- stg_transactions for trimming and ids). The confirmed order is the event's order_id, else the
-- order an order-confirmation URL names (see stg_web_logs). One row per bronze row.
WITH trimmed AS (
  SELECT
    nullif(trim(BOTH :blanks FROM CAST(event_id AS STRING)), '') AS event_id,
    ts,
    nullif(trim(BOTH :blanks FROM CAST(anonymous_id AS STRING)), '') AS anonymous_id,
    nullif(trim(BOTH :blanks FROM CAST(user_id AS STRING)), '') AS user_id,
    lower(nullif(trim(BOTH :blanks FROM `event`), '')) AS `event`,
    nullif(trim(BOTH :blanks FROM url), '') AS url,
    url AS raw_url,
    nullif(trim(BOTH :blanks FROM CAST(referrer AS STRING)), '') AS referrer,
    lower(nullif(trim(BOTH :blanks FROM utm_source), '')) AS utm_source,
    lower(nullif(trim(BOTH :blanks FROM utm_medium), '')) AS utm_medium,
    nullif(trim(BOTH :blanks FROM utm_campaign), '') AS utm_campaign,
    nullif(trim(BOTH :blanks FROM CAST(user_agent AS STRING)), '') AS user_agent,
    nullif(trim(BOTH :blanks FROM CAST(ip AS STRING)), '') AS ip,
    nullif(trim(BOTH :blanks FROM CAST(order_id AS STRING)), '') AS order_id,
    nullif(trim(BOTH :blanks FROM CAST(sku AS STRING)), '') AS sku,
    is_bot,
    _source, _file, _line, _ingested_at, ingest_date
  FROM bronze_web_events
)
SELECT
  nullif(event_id, '-') AS event_id,
  ts,
  nullif(anonymous_id, '-') AS anonymous_id,
  nullif(user_id, '-') AS user_id,
  `event`,
  url,
  nullif(referrer, '-') AS referrer,
  utm_source,
  utm_medium,
  utm_campaign,
  nullif(user_agent, '-') AS user_agent,
  nullif(ip, '-') AS ip,
  nullif(order_id, '-') AS order_id,
  nullif(sku, '-') AS sku,
  coalesce(is_bot, false) AS is_bot,
  regexp_extract(raw_url, '^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)', 1) AS url_path,
  coalesce(
    nullif(order_id, '-'),
    nullif(regexp_extract(raw_url, '[?&](?:order_id|orderId|order)=([^&#]+)', 1), ''),
    nullif(regexp_extract(raw_url, '/(?:order[-_]?)?confirmation/([^/?#]+)', 1), '')) AS confirmed_order_id,
  _source, _file, _line, _ingested_at, ingest_date
FROM trimmed

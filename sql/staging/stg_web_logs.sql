-- Staging: access-log requests of every web_logs source in the spelling the models compare on
-- (see stg_transactions for trimming and ids), with what the URL as logged says: its path, the
-- order an order-confirmation URL names, and whether it is a static asset (:static_asset_pattern)
-- rather than a page. One row per bronze row. The customer id is bronze user_id, which ingest
-- fills from the remote user (HTTP authentication) only for sources configured so
-- (remote_user: customer_id): a web server login is not a customer id by itself.
WITH trimmed AS (
  SELECT
    nullif(trim(BOTH :blanks FROM CAST(ip AS STRING)), '') AS ip,
    nullif(trim(BOTH :blanks FROM CAST(user_id AS STRING)), '') AS user_id,
    ts,
    upper(nullif(trim(BOTH :blanks FROM method), '')) AS method,
    nullif(trim(BOTH :blanks FROM url), '') AS url,
    url AS raw_url,
    status,
    nullif(trim(BOTH :blanks FROM CAST(referrer AS STRING)), '') AS referrer,
    nullif(trim(BOTH :blanks FROM CAST(user_agent AS STRING)), '') AS user_agent,
    nullif(trim(BOTH :blanks FROM CAST(cookie_id AS STRING)), '') AS cookie_id,
    is_bot,
    _source, _file, _line, _ingested_at, ingest_date
  FROM bronze_web_logs
),
parsed AS (
  SELECT
    *,
    regexp_extract(raw_url, '^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)', 1) AS url_path,
    coalesce(
      nullif(regexp_extract(raw_url, '[?&](?:order_id|orderId|order)=([^&#]+)', 1), ''),
      nullif(regexp_extract(raw_url, '/(?:order[-_]?)?confirmation/([^/?#]+)', 1), '')) AS url_order_id
  FROM trimmed
)
SELECT
  nullif(ip, '-') AS ip,
  nullif(user_id, '-') AS user_id,
  ts,
  method,
  url,
  status,
  nullif(referrer, '-') AS referrer,
  nullif(user_agent, '-') AS user_agent,
  nullif(cookie_id, '-') AS cookie_id,
  coalesce(is_bot, false) AS is_bot,
  url_path,
  url_order_id AS confirmed_order_id,
  coalesce(lower(url_path) RLIKE :static_asset_pattern, false) AS is_static_asset,
  _source, _file, _line, _ingested_at, ingest_date
FROM parsed

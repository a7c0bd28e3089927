-- Staging: survey answers of every surveys source in the spelling the models compare on (see
-- stg_transactions for trimming, ids and e-mails). One row per bronze row.
WITH trimmed AS (
  SELECT
    nullif(trim(BOTH :blanks FROM CAST(response_id AS STRING)), '') AS response_id,
    nullif(trim(BOTH :blanks FROM CAST(customer_id AS STRING)), '') AS customer_id,
    lower(nullif(trim(BOTH :blanks FROM email), '')) AS email,
    ts,
    lower(nullif(trim(BOTH :blanks FROM touchpoint), '')) AS touchpoint,
    csat,
    nps,
    nullif(trim(BOTH :blanks FROM `comment`), '') AS `comment`,
    _source, _file, _line, _ingested_at, ingest_date
  FROM bronze_surveys
)
SELECT
  nullif(response_id, '-') AS response_id,
  nullif(customer_id, '-') AS customer_id,
  email,
  coalesce(email RLIKE :email_pattern, false) AS is_email_valid,
  ts, touchpoint, csat, nps, `comment`,
  _source, _file, _line, _ingested_at, ingest_date
FROM trimmed

-- Staging: order lines of every transactions source in the spelling the silver models compare on.
-- Texts are trimmed of all blanks (:blanks, the no-break space included) and blank reads as
-- missing; ids also read the placeholder '-' as missing; e-mails are lower-cased with a validity
-- flag; codes take one case; currencies become ISO codes, and so do countries: every spelling
-- of :country_names (ISO alpha-2 and alpha-3 codes, English and German names, aliases such as
-- EIRE, compared in upper case with runs of blanks as one); a country it does not know is kept
-- as written (blanks collapsed) with is_country_unknown.
-- One row per bronze row: staging never filters or joins.
WITH trimmed AS (
  SELECT
    nullif(trim(BOTH :blanks FROM CAST(order_id AS STRING)), '') AS order_id,
    order_ts,
    nullif(trim(BOTH :blanks FROM CAST(customer_id AS STRING)), '') AS customer_id,
    lower(nullif(trim(BOTH :blanks FROM email), '')) AS email,
    nullif(trim(BOTH :blanks FROM CAST(sku AS STRING)), '') AS sku,
    nullif(trim(BOTH :blanks FROM product_name), '') AS product_name,
    nullif(trim(BOTH :blanks FROM category), '') AS category,
    quantity,
    unit_price,
    discount,
    amount,
    upper(nullif(trim(BOTH :blanks FROM currency), '')) AS currency,
    nullif(trim(BOTH :blanks FROM channel), '') AS channel,
    regexp_replace(nullif(trim(BOTH :blanks FROM country), ''), :blank_runs, ' ') AS country,
    nullif(trim(BOTH :blanks FROM status), '') AS status,
    _source, _file, _line, _ingested_at, ingest_date
  FROM bronze_transactions
)
SELECT
  nullif(order_id, '-') AS order_id,
  order_ts,
  nullif(customer_id, '-') AS customer_id,
  email,
  coalesce(email RLIKE :email_pattern, false) AS is_email_valid,
  nullif(sku, '-') AS sku,
  product_name,
  category,
  quantity,
  unit_price,
  discount,
  amount,
  CASE currency WHEN '€' THEN 'EUR' WHEN '$' THEN 'USD' ELSE currency END AS currency,
  lower(channel) AS channel,
  coalesce(try_element_at(:country_names, upper(country)), country) AS country,
  country IS NOT NULL AND try_element_at(:country_names, upper(country)) IS NULL AS is_country_unknown,
  lower(status) AS status,
  _source, _file, _line, _ingested_at, ingest_date
FROM trimmed

-- Staging: contact records of every contacts source in the spelling the models compare on (see
-- stg_transactions for trimming, ids, e-mails and countries, is_country_unknown included). One row per bronze row.
WITH trimmed AS (
  SELECT
    nullif(trim(BOTH :blanks FROM CAST(contact_id AS STRING)), '') AS contact_id,
    nullif(trim(BOTH :blanks FROM CAST(customer_id AS STRING)), '') AS customer_id,
    lower(nullif(trim(BOTH :blanks FROM email), '')) AS email,
    nullif(trim(BOTH :blanks FROM first_name), '') AS first_name,
    nullif(trim(BOTH :blanks FROM last_name), '') AS last_name,
    nullif(trim(BOTH :blanks FROM company), '') AS company,
    nullif(trim(BOTH :blanks FROM street), '') AS street,
    nullif(trim(BOTH :blanks FROM postal_code), '') AS postal_code,
    nullif(trim(BOTH :blanks FROM city), '') AS city,
    nullif(trim(BOTH :blanks FROM phone), '') AS phone,
    nullif(trim(BOTH :blanks FROM acquisition_source), '') AS acquisition_source,
    upper(nullif(trim(BOTH :blanks FROM customer_type), '')) AS customer_type,
    regexp_replace(nullif(trim(BOTH :blanks FROM country), ''), :blank_runs, ' ') AS country,
    newsletter_opt_in, opt_in_ts, created_ts, updated_ts,
    _source, _file, _line, _ingested_at, ingest_date
  FROM bronze_contacts
)
SELECT
  nullif(contact_id, '-') AS contact_id,
  nullif(customer_id, '-') AS customer_id,
  email,
  coalesce(email RLIKE :email_pattern, false) AS is_email_valid,
  first_name, last_name, company, street, postal_code, city, phone, acquisition_source,
  customer_type,
  coalesce(try_element_at(:country_names, upper(country)), country) AS country,
  country IS NOT NULL AND try_element_at(:country_names, upper(country)) IS NULL AS is_country_unknown,
  newsletter_opt_in, opt_in_ts, created_ts, updated_ts,
  _source, _file, _line, _ingested_at, ingest_date
FROM trimmed

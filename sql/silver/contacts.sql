-- silver.contacts: the latest state of every contact, per source (contacts and contacts_de number
-- their contacts independently, so the key is source + contact_id).
-- Latest = greatest updated_ts (else created_ts), then the latest ingest, then the later line.
-- Consent: is_newsletter_opt_in from the latest state (unknown counts as no); opted_in_at is the
-- opt-in timestamp the source gave, else the time of the first record of the current opt-in run
-- (the earliest record after which the contact never opted out), NULL when not opted in.
-- The records and their keys come from the ephemeral model contact_records.
WITH ranked AS (
  SELECT *,
         row_number() OVER (
           PARTITION BY _source, contact_key
           ORDER BY state_at DESC NULLS LAST, _ingested_at DESC NULLS LAST, _file DESC, _line DESC) AS recency,
         max(CASE WHEN newsletter_opt_in IS NOT TRUE THEN state_at END) OVER (PARTITION BY _source, contact_key) AS last_not_opted_at,
         min(created_ts) OVER (PARTITION BY _source, contact_key) AS first_created_at
  FROM contact_records
),
consent_start AS (
  SELECT _source, contact_key, min(state_at) AS opt_in_run_started_at
  FROM ranked
  WHERE newsletter_opt_in AND (last_not_opted_at IS NULL OR state_at > last_not_opted_at)
  GROUP BY _source, contact_key
),
latest AS (
  SELECT * FROM ranked WHERE recency = 1
)
SELECT l.contact_key AS contact_id,
       l._source AS source,
       i.customer_id,
       i.customer_key,
       l.customer_id AS source_customer_id,
       l.email,
       l.is_email_valid,
       l.first_name,
       l.last_name,
       l.company,
       l.customer_type,
       l.street,
       l.postal_code,
       l.city,
       l.country,
       l.phone,
       coalesce(l.newsletter_opt_in, FALSE) AS is_newsletter_opt_in,
       CASE WHEN l.newsletter_opt_in THEN coalesce(l.opt_in_ts, c.opt_in_run_started_at) END AS opted_in_at,
       l.acquisition_source,
       l.first_created_at AS created_at,
       l.state_at AS updated_at
FROM latest l
LEFT JOIN consent_start c ON c._source = l._source AND c.contact_key = l.contact_key
-- the person of the customer id (each is an identity), else of the valid e-mail: one join
LEFT JOIN identities i
  ON i.identity_type = CASE WHEN l.customer_id IS NOT NULL THEN 'customer_id' ELSE 'email' END
 AND i.identity_value = coalesce(l.customer_id, l.email)
 AND (i.identity_type = 'customer_id' OR i.is_valid)

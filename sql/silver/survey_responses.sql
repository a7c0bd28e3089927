-- silver.survey_responses: one row per survey answer (the latest ingest when a response_id
-- arrives twice), linked to the resolved customer through its customer_id, else its valid e-mail.
-- is_linked = false marks answers no customer could be found for (kept, not dropped).
WITH ranked AS (
  SELECT s.*,
         row_number() OVER (
           PARTITION BY coalesce(response_id, concat(_source, ':', _file, ':', CAST(_line AS STRING)))
           ORDER BY _ingested_at DESC NULLS LAST, _file DESC, _line DESC) AS recency
  FROM stg_surveys s
)
SELECT coalesce(r.response_id, concat(r._source, ':', r._file, ':', CAST(r._line AS STRING))) AS response_id,
       coalesce(ic.customer_id, ie.customer_id) AS customer_id,
       coalesce(ic.customer_key, ie.customer_key) AS customer_key,
       coalesce(ic.customer_id, ie.customer_id) IS NOT NULL AS is_linked,
       r.customer_id AS source_customer_id,
       r.email,
       r.ts AS responded_at,
       to_date(from_utc_timestamp(r.ts, :timezone)) AS response_date,
       r.touchpoint,
       r.csat,
       r.nps,
       r.comment,
       r._source AS source
FROM ranked r
LEFT JOIN identities ic ON ic.identity_type = 'customer_id' AND ic.identity_value = r.customer_id
LEFT JOIN identities ie ON ie.identity_type = 'email' AND ie.is_valid AND ie.identity_value = r.email
WHERE r.recency = 1

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
       i.customer_id,
       i.customer_key,
       i.customer_id IS NOT NULL AS is_linked,
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
-- the person of the customer id (each is an identity), else of the valid e-mail: one join
LEFT JOIN identities i
  ON i.identity_type = CASE WHEN r.customer_id IS NOT NULL THEN 'customer_id' ELSE 'email' END
 AND i.identity_value = coalesce(r.customer_id, r.email)
 AND (i.identity_type = 'customer_id' OR i.is_valid)
WHERE r.recency = 1

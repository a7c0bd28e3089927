-- Ephemeral model (not written): strong identity links, the edges of the identity graph.
-- Two ids on one record belong to one person: a customer_id and the valid e-mail on the same
-- order line, contact or survey answer. A record with one id still yields a row (b = a), so the
-- id becomes a node of its own (a guest known only by e-mail, a web user without orders).
-- Node keys carry their type: 'c:' + customer_id, 'e:' + normalised valid e-mail. As 'c' sorts
-- before 'e', the smallest key of a component is its smallest customer_id, else its smallest e-mail.
-- Web traffic counts through identity_web_hits, which is silver.session_hits as this run wrote it:
-- the human hits of every web source (no bots, no static assets, each tracker event once).
-- Invalid e-mails never become nodes: they are flagged in silver.identities, not used for stitching.
WITH records AS (
  SELECT customer_id, CASE WHEN is_email_valid THEN email END AS email, order_ts AS seen_at
  FROM stg_transactions
  UNION ALL
  SELECT customer_id, CASE WHEN is_email_valid THEN email END, coalesce(created_ts, updated_ts, opt_in_ts)
  FROM stg_contacts
  UNION ALL
  SELECT customer_id, CASE WHEN is_email_valid THEN email END, ts
  FROM stg_surveys
  UNION ALL
  SELECT user_id, CAST(NULL AS STRING), ts
  FROM identity_web_hits
),
keyed AS (
  SELECT concat('c:', customer_id) AS c, concat('e:', email) AS e, seen_at
  FROM records
)
SELECT coalesce(c, e) AS a,
       coalesce(e, c) AS b,
       min(seen_at) AS first_seen_at,
       max(seen_at) AS last_seen_at
FROM keyed
WHERE c IS NOT NULL OR e IS NOT NULL
GROUP BY coalesce(c, e), coalesce(e, c)

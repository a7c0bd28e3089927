-- Ephemeral model (not written): strong identity links, the edges of the identity graph.
-- Two ids on one record belong to one person: a customer_id and the valid e-mail on the same
-- order line, contact or survey answer. A record with one id still yields a row (b = a), so the
-- id becomes a node of its own (a guest known only by e-mail, a web user without orders).
-- Node keys carry their type: 'c:' + customer_id, 'e:' + normalised valid e-mail. As 'c' sorts
-- before 'e', the smallest key of a component is its smallest customer_id, else its smallest e-mail.
-- Web traffic counts through silver.web_identity_hits as this run wrote it: the human hits of every
-- web source (no bots, no static assets) reduced to each user id's first and last hit.
-- Invalid e-mails never become nodes: they are flagged in silver.identities, not used for stitching.
WITH records AS (
  SELECT customer_id, CASE WHEN is_email_valid THEN email END AS email, order_ts AS first_seen_at, order_ts AS last_seen_at
  FROM stg_transactions
  UNION ALL
  SELECT customer_id, CASE WHEN is_email_valid THEN email END,
         coalesce(created_ts, updated_ts, opt_in_ts), coalesce(created_ts, updated_ts, opt_in_ts)
  FROM stg_contacts
  UNION ALL
  SELECT customer_id, CASE WHEN is_email_valid THEN email END, ts, ts
  FROM stg_surveys
  UNION ALL
  SELECT user_id, CAST(NULL AS STRING), first_seen_at, last_seen_at
  FROM web_identity_hits
  WHERE user_id IS NOT NULL
),
keyed AS (
  SELECT concat('c:', customer_id) AS c, concat('e:', email) AS e, first_seen_at, last_seen_at
  FROM records
)
SELECT coalesce(c, e) AS a,
       coalesce(e, c) AS b,
       min(first_seen_at) AS first_seen_at,
       max(last_seen_at) AS last_seen_at
FROM keyed
WHERE c IS NOT NULL OR e IS NOT NULL
GROUP BY coalesce(c, e), coalesce(e, c)

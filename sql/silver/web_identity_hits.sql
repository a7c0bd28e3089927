-- silver.web_identity_hits: the human web hits reduced to what identity resolution reads of them,
-- one row per cookie id, user id and confirmed order id seen together, with the first and last
-- time. Identity resolution needs only those times (when a user id or cookie was first and last
-- seen, a cookie's latest link to a person), and a minimum or maximum stays the same when the
-- same hit is counted twice; so a night reduces only the hits it cut (identity_web_hits) instead
-- of every hit ever stored, some ten times as many rows. Its rows are written as files of their
-- own beside the stored ones (web_identity_hits_before is then empty), so one key can have a row
-- per night: every reader takes the least and greatest time per key. When the stored rows are
-- spread over too many files, a night merges them (web_identity_hits_before holds them all). A
-- full refresh reduces all of silver.session_hits with nothing kept. Hits with neither a cookie
-- nor a user id show no identity and are left out.
WITH evidence AS (
  SELECT cookie_id, user_id, confirmed_order_id, ts AS first_seen_at, ts AS last_seen_at
  FROM identity_web_hits
  WHERE cookie_id IS NOT NULL OR user_id IS NOT NULL
  UNION ALL
  SELECT cookie_id, user_id, confirmed_order_id, first_seen_at, last_seen_at
  FROM web_identity_hits_before
)
SELECT cookie_id,
       user_id,
       confirmed_order_id,
       min(first_seen_at) AS first_seen_at,
       max(last_seen_at) AS last_seen_at
FROM evidence
GROUP BY cookie_id, user_id, confirmed_order_id

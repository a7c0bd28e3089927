-- Ephemeral model (not written): the person each session belongs to. That is the person it was
-- logged in as (a hit with a user id), else the person its cookie resolves to in
-- silver.identities. Decided apart from cutting sessions: a login on a later night can give an
-- old session a person although no new hit of its visitor arrived.
WITH ids AS (
  SELECT DISTINCT session_id, cookie_id, user_id
  FROM session_hits
)
SELECT s.session_id,
       coalesce(max(iu.customer_id), max(ck.customer_id)) AS customer_id
FROM ids s
LEFT JOIN identities ck ON ck.identity_type = 'cookie' AND ck.identity_value = s.cookie_id
LEFT JOIN identities iu ON iu.identity_type = 'customer_id' AND iu.identity_value = s.user_id
GROUP BY s.session_id

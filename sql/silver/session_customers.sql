-- silver.session_customers: the person each session belongs to, for sessions that have one.
-- That is the person it was logged in as (a hit with a user id), else the person its cookie
-- resolves to in silver.identities. Kept apart from sessions and page_views, which readers join
-- it to (io.crm.warehouse.SessionCustomers): a login on a later night can give an old session a
-- person although no new hit of its visitor arrived, and this small table is all a night then
-- writes again. Its customer_key is the one of the same identity row (max_by), so key and id
-- always name the same person.
WITH ids AS (
  SELECT DISTINCT session_id, cookie_id, user_id
  FROM session_hits
),
resolved AS (
  SELECT s.session_id,
         coalesce(max(iu.customer_id), max(ck.customer_id)) AS customer_id,
         coalesce(max_by(iu.customer_key, iu.customer_id), max_by(ck.customer_key, ck.customer_id)) AS customer_key
  FROM ids s
  LEFT JOIN identities ck ON ck.identity_type = 'cookie' AND ck.identity_value = s.cookie_id
  LEFT JOIN identities iu ON iu.identity_type = 'customer_id' AND iu.identity_value = s.user_id
  GROUP BY s.session_id
)
SELECT session_id, customer_id, customer_key
FROM resolved
WHERE customer_id IS NOT NULL

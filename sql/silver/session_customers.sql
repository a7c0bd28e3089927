-- silver.session_customers: the person each session belongs to, for sessions that have one.
-- That is the person it was logged in as (silver.session_users), else the person its cookie
-- (silver.sessions; every hit of a session has the same cookie, or none) resolves to in
-- silver.identities. Kept apart from sessions and page_views, which readers join it to
-- (io.crm.warehouse.SessionCustomers): a login on a later night can give an old session a person
-- although no new hit of its visitor arrived, and this small table is all a night then writes
-- again. Its customer_key is the one of the same identity row (max_by), so key and id always name
-- the same person.
WITH ids AS (
  SELECT session_id, cookie_id, CAST(NULL AS STRING) AS user_id
  FROM sessions
  UNION ALL
  SELECT session_id, CAST(NULL AS STRING), user_id
  FROM session_users
),
resolved AS (
  -- each row names a cookie or a user id, so one join finds either
  SELECT s.session_id,
         coalesce(max(CASE WHEN s.user_id IS NOT NULL THEN i.customer_id END),
                  max(CASE WHEN s.cookie_id IS NOT NULL THEN i.customer_id END)) AS customer_id,
         coalesce(max_by(CASE WHEN s.user_id IS NOT NULL THEN i.customer_key END, CASE WHEN s.user_id IS NOT NULL THEN i.customer_id END),
                  max_by(CASE WHEN s.cookie_id IS NOT NULL THEN i.customer_key END, CASE WHEN s.cookie_id IS NOT NULL THEN i.customer_id END)) AS customer_key
  FROM ids s
  LEFT JOIN identities i
    ON i.identity_type = CASE WHEN s.user_id IS NOT NULL THEN 'customer_id' ELSE 'cookie' END
   AND i.identity_value = coalesce(s.user_id, s.cookie_id)
  GROUP BY s.session_id
)
SELECT session_id, customer_id, customer_key
FROM resolved
WHERE customer_id IS NOT NULL

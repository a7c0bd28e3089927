-- silver.customers: one row per resolved person (see silver.identities for how persons are
-- formed and named). Cookie-only visitors are not customers.
--   customer_key: the pseudonymous key of customer_id (silver.identities), the one key analysts
--     see; this table is the restricted mapping back to the person
--   source_customer_ids: every source customer_id of the person (sorted; empty for persons known
--     only by e-mail: guests, newsletter-only contacts, survey respondents)
--   email: the valid e-mail of the person's most recently updated contact, else of the most
--     recent order, else the smallest valid e-mail of the person
--   customer_type, country: from the most recently updated contact, else (country) the latest order
--   first_seen_at: the earliest time any of the person's ids was seen (orders, contacts, surveys,
--     logged-in or cookie web traffic)
--   first_order_at: the first purchase (orders.is_purchase: not cancelled, positive net amount)
--   created_at: the earliest contact creation time, else first_seen_at
WITH persons AS (
  SELECT customer_id,
         max(customer_key) AS customer_key,
         sort_array(collect_set(CASE WHEN identity_type = 'customer_id' THEN identity_value END)) AS source_customer_ids,
         min(CASE WHEN identity_type = 'email' AND is_valid THEN identity_value END) AS smallest_email,
         min(first_seen_at) AS first_seen_at
  FROM identities
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
),
real_persons AS (
  SELECT DISTINCT customer_id
  FROM identities
  WHERE customer_id IS NOT NULL AND identity_type IN ('customer_id', 'email') AND is_valid
),
latest_contact AS (
  SELECT customer_id,
         max_by(CASE WHEN is_email_valid THEN email END, CASE WHEN is_email_valid THEN updated_at END) AS email,
         max_by(customer_type, CASE WHEN customer_type IS NOT NULL THEN coalesce(updated_at, created_at) END) AS customer_type,
         max_by(country, CASE WHEN country IS NOT NULL THEN coalesce(updated_at, created_at) END) AS country,
         min(created_at) AS created_at
  FROM contacts
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
),
order_facts AS (
  SELECT customer_id,
         max_by(email, CASE WHEN email IS NOT NULL THEN ordered_at END) AS email,
         max_by(country, CASE WHEN country IS NOT NULL THEN ordered_at END) AS country,
         min(CASE WHEN is_purchase THEN ordered_at END) AS first_order_at
  FROM orders
  WHERE customer_id IS NOT NULL
  GROUP BY customer_id
)
SELECT p.customer_id,
       p.customer_key,
       p.source_customer_ids,
       coalesce(c.email, o.email, p.smallest_email) AS email,
       size(p.source_customer_ids) > 0 AS is_registered,
       c.customer_type,
       coalesce(c.country, o.country) AS country,
       p.first_seen_at,
       o.first_order_at,
       coalesce(c.created_at, p.first_seen_at) AS created_at
FROM persons p
JOIN real_persons r ON r.customer_id = p.customer_id
LEFT JOIN latest_contact c ON c.customer_id = p.customer_id
LEFT JOIN order_facts o ON o.customer_id = p.customer_id

-- silver.identities: every customer_id, e-mail and cookie id, with the resolved person
-- (customer_id) it belongs to.
--   identity_labels: node -> smallest node key of its connected component (IdentityResolution)
--   identity_edges, cookie_links, invalid_email_records: the ephemeral models of the same names
--   web_identity_hits: the human web hits, reduced (see identity_edges); a cookie is first and
--     last seen by its page views and tracker events
-- A run that resolves again only what its new records touch gives each view only the rows of the
-- nodes, cookies and invalid e-mails it derives again (see identity_nodes_again); the rules are
-- the same.
-- Resolved customer_id: the smallest source customer_id of the component (string order), else
-- 'email:' + its smallest normalised e-mail. It stays the same across re-runs as long as the
-- component gains no smaller customer_id (a merge can hand a person the smaller id of the two).
-- A cookie belongs to the person of its most recent link (login or order confirmation; ties go
-- to the smaller customer_id); a cookie never merges two persons (shared devices). Cookies with
-- no link stay in the table with customer_id NULL.
-- customer_key: the keyed hash of customer_id (the function customer_key that conform registers
-- with the workspace secret), computed here once per identity; every other silver table takes
-- it from the identity row it takes its customer_id from, so the two always agree. Invalid e-mails are listed with is_valid =
-- false and the person of the customer_id they came with (if any); they never link anything.
WITH person AS (
  SELECT node,
         CASE WHEN label LIKE 'c:%' THEN substr(label, 3) ELSE concat('email:', substr(label, 3)) END AS customer_id
  FROM identity_labels
),
node_seen AS (
  SELECT node, min(first_seen_at) AS first_seen_at, max(last_seen_at) AS last_seen_at
  FROM (
    SELECT a AS node, first_seen_at, last_seen_at FROM identity_edges
    UNION ALL
    SELECT b, first_seen_at, last_seen_at FROM identity_edges
  )
  GROUP BY node
),
invalid_emails AS (
  SELECT r.email, min(p.customer_id) AS customer_id, min(r.seen_at) AS first_seen_at, max(r.seen_at) AS last_seen_at
  FROM invalid_email_records r
  LEFT JOIN person p ON p.node = concat('c:', r.customer_id)
  GROUP BY r.email
),
cookie_person AS (
  SELECT cookie_id, customer_id
  FROM (
    SELECT l.cookie_id, p.customer_id,
           row_number() OVER (PARTITION BY l.cookie_id ORDER BY l.seen_at DESC, p.customer_id) AS rn
    FROM cookie_links l
    JOIN person p ON p.node = l.node
  )
  WHERE rn = 1
),
cookies AS (
  SELECT cookie_id, min(first_seen_at) AS first_seen_at, max(last_seen_at) AS last_seen_at
  FROM web_identity_hits
  WHERE cookie_id IS NOT NULL
  GROUP BY cookie_id
)
SELECT CASE WHEN p.node LIKE 'c:%' THEN 'customer_id' ELSE 'email' END AS identity_type,
       substr(p.node, 3) AS identity_value,
       p.customer_id,
       customer_key(p.customer_id) AS customer_key,
       TRUE AS is_valid,
       s.first_seen_at,
       s.last_seen_at
FROM person p
LEFT JOIN node_seen s ON s.node = p.node
UNION ALL
SELECT 'email', email, customer_id, customer_key(customer_id), FALSE, first_seen_at, last_seen_at
FROM invalid_emails
UNION ALL
SELECT 'cookie', c.cookie_id, cp.customer_id, customer_key(cp.customer_id), TRUE, c.first_seen_at, c.last_seen_at
FROM cookies c
LEFT JOIN cookie_person cp ON cp.cookie_id = c.cookie_id

-- Ephemeral model (not written): weak links from a cookie to a person node of the identity graph.
-- A cookie is linked by a logged-in request (tracker event with user_id, log line with a user)
-- and by an order confirmation (purchase event or confirmation URL naming an order_id), which
-- points at the order's customer_id, else its valid e-mail. Bot traffic and static assets link
-- nothing: the hits are those of silver.web_identity_hits (see identity_edges); a cookie's link is
-- as recent as the last hit that showed it.
WITH order_nodes AS (
  SELECT order_id,
         min(coalesce(concat('c:', customer_id), CASE WHEN is_email_valid THEN concat('e:', email) END)) AS node
  FROM stg_transactions
  WHERE order_id IS NOT NULL
  GROUP BY order_id
),
links AS (
  SELECT cookie_id, concat('c:', user_id) AS node, last_seen_at AS seen_at
  FROM web_identity_hits
  WHERE cookie_id IS NOT NULL AND user_id IS NOT NULL
  UNION ALL
  SELECT h.cookie_id, o.node, h.last_seen_at
  FROM web_identity_hits h
  JOIN order_nodes o ON o.order_id = h.confirmed_order_id
  WHERE h.cookie_id IS NOT NULL
)
SELECT cookie_id, node, max(seen_at) AS seen_at
FROM links
WHERE node IS NOT NULL
GROUP BY cookie_id, node

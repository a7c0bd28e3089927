-- Ephemeral model (not written): weak links from a cookie to a person node of the identity graph.
-- A cookie is linked by a logged-in request (tracker event with user_id, log line with a user)
-- and by an order confirmation (purchase event or confirmation URL naming an order_id), which
-- points at the order's customer_id, else its valid e-mail. Bot traffic links nothing.
WITH order_nodes AS (
  SELECT order_id,
         min(coalesce(concat('c:', customer_id), CASE WHEN is_email_valid THEN concat('e:', email) END)) AS node
  FROM stg_transactions
  WHERE order_id IS NOT NULL
  GROUP BY order_id
),
links AS (
  SELECT anonymous_id AS cookie_id, concat('c:', user_id) AS node, ts AS seen_at
  FROM stg_web_events
  WHERE NOT is_bot AND anonymous_id IS NOT NULL AND user_id IS NOT NULL
  UNION ALL
  SELECT e.anonymous_id, o.node, e.ts
  FROM stg_web_events e
  JOIN order_nodes o ON o.order_id = e.confirmed_order_id
  WHERE NOT e.is_bot AND e.anonymous_id IS NOT NULL
  UNION ALL
  SELECT cookie_id, concat('c:', user_id), ts
  FROM stg_web_logs
  WHERE NOT is_bot AND cookie_id IS NOT NULL AND user_id IS NOT NULL
  UNION ALL
  SELECT l.cookie_id, o.node, l.ts
  FROM stg_web_logs l
  JOIN order_nodes o ON o.order_id = l.confirmed_order_id
  WHERE NOT l.is_bot AND l.cookie_id IS NOT NULL
)
SELECT cookie_id, node, max(seen_at) AS seen_at
FROM links
WHERE node IS NOT NULL
GROUP BY cookie_id, node

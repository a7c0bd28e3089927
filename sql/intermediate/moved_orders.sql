-- Ephemeral model (not written): the stored orders (view stored_orders, silver.orders as the last
-- run left it) that this run's silver.identities give another person, or another customer_key.
-- An order takes its person as silver.order_lines does: from its source customer id, else its
-- valid e-mail. A login, an order or a contact that merges two persons moves orders of any age,
-- so an incremental run rebuilds these orders beside those with new lines.
SELECT o.order_id
FROM stored_orders o
LEFT JOIN identities i
  ON i.identity_type = CASE WHEN o.source_customer_id IS NOT NULL THEN 'customer_id' ELSE 'email' END
 AND i.identity_value = coalesce(o.source_customer_id, o.email)
 AND (i.identity_type = 'customer_id' OR i.is_valid)
WHERE NOT (o.customer_id <=> i.customer_id)
   OR NOT (o.customer_key <=> i.customer_key)

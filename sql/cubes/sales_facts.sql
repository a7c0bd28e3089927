-- Facts of the sales cube: one row per order line (returns as negative lines) with the order's
-- channel and country and the customer's segment as of :as_of. Anonymous sales (no customer id,
-- no e-mail) count like every sale, in the segment '(anonymous)'.
SELECT YEAR(l.order_date) AS year,
       CONCAT(YEAR(l.order_date), '-Q', QUARTER(l.order_date)) AS quarter,
       DATE_FORMAT(l.order_date, 'yyyy-MM') AS month,
       CAST(l.order_date AS STRING) AS day,
       COALESCE(o.country, '(unknown)') AS country,
       COALESCE(l.category, '(unknown)') AS category,
       COALESCE(l.sku, '(unknown)') AS product,
       COALESCE(o.channel, '(unknown)') AS channel,
       COALESCE(s.rfm_segment, CASE WHEN o.is_anonymous THEN '(anonymous)' WHEN o.is_guest THEN '(guest)' ELSE '(no purchase)' END) AS segment,
       COALESCE(s.lifecycle_stage, '(unknown)') AS lifecycle_stage,
       COALESCE(s.value_tier, '(unknown)') AS value_tier,
       l.order_id,
       l.customer_key,
       CAST(CASE WHEN l.is_return THEN 0 ELSE l.line_amount END AS DOUBLE) AS gross_amount,
       CAST(l.line_amount AS DOUBLE) AS net_amount,
       CAST(CASE WHEN l.is_return THEN -l.line_amount ELSE 0 END AS DOUBLE) AS returned_amount,
       CASE WHEN l.is_return THEN 0 ELSE l.quantity END AS units,
       CASE WHEN l.is_return THEN -l.quantity ELSE 0 END AS returned_units
FROM order_lines l
JOIN orders o ON o.order_id = l.order_id
LEFT JOIN segments s ON s.customer_key = l.customer_key
WHERE l.order_date <= :as_of
  AND o.status <> 'cancelled'

-- silver.products: one row per sku sold, with the most recent name and category the order lines
-- gave it and the time it was first sold.
SELECT sku,
       max_by(product_name, CASE WHEN product_name IS NOT NULL THEN line_at END) AS product_name,
       max_by(category, CASE WHEN category IS NOT NULL THEN line_at END) AS category,
       min(CASE WHEN NOT is_return THEN ordered_at END) AS first_sold_at,
       max(CASE WHEN NOT is_return THEN ordered_at END) AS last_sold_at
FROM order_lines
WHERE sku IS NOT NULL
GROUP BY sku

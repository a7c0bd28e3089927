-- silver.orders: one row per order, from silver.order_lines.
-- Amounts count lines whose status is not 'cancelled':
--   gross_amount    = sum(line_amount + discount) over sold lines (list price times quantity)
--   discount_amount = sum(discount) over sold lines
--   returned_amount = -sum(line_amount) over return lines (a positive number)
--   net_amount      = gross_amount - discount_amount - returned_amount = sum(line_amount)
-- status: cancelled (every line cancelled), returned (everything sold came back),
-- partially_returned (some of it), else completed.
-- is_purchase: the order is a purchase of its customer: not cancelled, a known customer, and
-- returns did not take back all it sold (returned_amount > 0 with net_amount <= 0). An order
-- of returns only, or one whose returns take back all it sold (net amount not positive), is not
-- a purchase day for CLV, RFM frequency or lifecycle, and a customer with no purchase is no
-- buyer; its amounts still count in revenue (README, "A return is not a purchase"). A sale at
-- price 0 with nothing returned is a purchase: CDNOW's $0.00 first purchases count in the
-- published BG/NBD figures.
WITH agg AS (
  SELECT order_id,
         max(customer_id) AS customer_id,
         max(customer_key) AS customer_key,
         max(source_customer_id) AS source_customer_id,
         max(email) AS email,
         min(ordered_at) AS ordered_at,
         min(order_date) AS order_date,
         max(channel) AS channel,
         max(country) AS country,
         max(currency) AS currency,
         bool_and(is_guest) AS is_guest,
         bool_and(is_anonymous) AS is_anonymous,
         bool_or(is_country_unknown) AS is_country_unknown,
         bool_and(status = 'cancelled') AS is_cancelled,
         CAST(count(CASE WHEN NOT is_return AND status <> 'cancelled' THEN 1 END) AS INT) AS items,
         CAST(coalesce(sum(CASE WHEN NOT is_return AND status <> 'cancelled' THEN quantity END), 0) AS INT) AS units,
         CAST(coalesce(-sum(CASE WHEN is_return AND status <> 'cancelled' THEN quantity END), 0) AS INT) AS returned_units,
         CAST(coalesce(sum(CASE WHEN NOT is_return AND status <> 'cancelled' THEN line_amount + discount END), 0) AS DECIMAL(18,4)) AS gross_amount,
         CAST(coalesce(sum(CASE WHEN NOT is_return AND status <> 'cancelled' THEN discount END), 0) AS DECIMAL(18,4)) AS discount_amount,
         CAST(coalesce(-sum(CASE WHEN is_return AND status <> 'cancelled' THEN line_amount END), 0) AS DECIMAL(18,4)) AS returned_amount
  FROM order_lines
  GROUP BY order_id
)
SELECT order_id, customer_id, customer_key, source_customer_id, email, ordered_at, channel, country, is_country_unknown, currency,
       CASE
         WHEN is_cancelled THEN 'cancelled'
         WHEN returned_amount > 0 AND returned_amount >= gross_amount - discount_amount THEN 'returned'
         WHEN returned_amount > 0 THEN 'partially_returned'
         ELSE 'completed'
       END AS status,
       is_guest, is_anonymous, items, units, returned_units, gross_amount, discount_amount, returned_amount,
       CAST(gross_amount - discount_amount - returned_amount AS DECIMAL(18,4)) AS net_amount,
       NOT is_cancelled AND customer_id IS NOT NULL
         AND NOT (returned_amount > 0 AND gross_amount - discount_amount - returned_amount <= 0) AS is_purchase,
       order_date
FROM agg

-- silver.order_lines: one row per order line, returns as negative lines (is_return).
-- * A duplicate is a line equal to another in every canonical field (order, time, customer,
--   e-mail, sku, product name, category, quantity, prices, discount, amount, currency, channel,
--   country, status), the definition ingest applies within a source (README, "Duplicates");
--   here it also catches the same line delivered by two sources. Lines differing in any field,
--   the description included, are two lines. An order id derived from file and line (sources
--   without one) makes every such line unique, as ingest's count rule keeps their repeats.
-- * line_amount = the source amount, else quantity * unit_price - discount; unit_price, when the
--   source gives only the amount (CDNOW), is amount / quantity.
-- * A sold line whose status is 'returned' (sources that mark the line instead of sending a
--   negative one) is kept and followed by a derived return line (is_derived_return) of the same
--   amount negated, so that the order's net amount is the sum of its non-cancelled lines.
-- * Order-level fields are the same on every line of an order: customer (resolved through
--   silver.identities from the source customer_id, else the valid e-mail), ordered_at (first sold
--   line, else first line), order_date (in :timezone), channel, country, currency, is_guest.
-- * is_anonymous: no line of the order names a customer id or an e-mail. Such a sale counts in
--   revenue, orders and the sales cube, never in customer analytics (its customer_id is NULL).
-- The view `dedupe_stats` in OrdersBuilder counts what the dedupe dropped.
WITH numbered AS (
  SELECT t.*,
         row_number() OVER (
           PARTITION BY order_id, order_ts, customer_id, email, sku, product_name, category, quantity,
                        unit_price, discount, amount, currency, channel, country, status
           ORDER BY _source, _file, _line) AS copy_no
  FROM stg_transactions t
),
lines AS (
  SELECT coalesce(order_id, concat(_source, ':', _file, ':', CAST(_line AS STRING))) AS order_id,
         order_ts, customer_id, email, is_email_valid, sku, product_name, category, quantity,
         CAST(coalesce(unit_price, amount / nullif(quantity, 0)) AS DECIMAL(18,4)) AS unit_price,
         CAST(coalesce(discount, 0) AS DECIMAL(18,4)) AS discount,
         CAST(coalesce(amount, quantity * unit_price - coalesce(discount, 0)) AS DECIMAL(18,4)) AS line_amount,
         currency, channel, country, is_country_unknown, coalesce(status, 'completed') AS status,
         _source, _file, _line
  FROM numbered
  WHERE copy_no = 1
),
with_returns AS (
  SELECT *, FALSE AS is_derived_return FROM lines
  UNION ALL
  SELECT order_id, order_ts, customer_id, email, is_email_valid, sku, product_name, category,
         -quantity, unit_price, -discount, -line_amount, currency, channel, country, is_country_unknown, 'returned',
         _source, _file, _line, TRUE
  FROM lines
  WHERE status = 'returned' AND quantity > 0
),
order_level AS (
  SELECT *,
         max(customer_id) OVER o AS order_customer_id,
         max(CASE WHEN is_email_valid THEN email END) OVER o AS order_email,
         coalesce(min(CASE WHEN quantity > 0 THEN order_ts END) OVER o, min(order_ts) OVER o) AS ordered_at,
         max(channel) OVER o AS order_channel,
         max(country) OVER o AS order_country,
         max_by(is_country_unknown, country) OVER o AS order_is_country_unknown,
         max(email) OVER o IS NULL AND max(customer_id) OVER o IS NULL AS order_is_anonymous,
         max(currency) OVER o AS order_currency
  FROM with_returns
  WINDOW o AS (PARTITION BY order_id)
)
SELECT l.order_id,
       CAST(row_number() OVER (PARTITION BY l.order_id ORDER BY l.quantity < 0, l._source, l._file, l._line, l.is_derived_return) AS INT) AS line_number,
       i.customer_id,
       i.customer_key,
       l.order_customer_id AS source_customer_id,
       l.order_email AS email,
       l.ordered_at,
       l.order_ts AS line_at,
       l.sku,
       l.product_name,
       l.category,
       l.quantity,
       l.unit_price,
       l.discount,
       l.line_amount,
       l.quantity < 0 AS is_return,
       l.is_derived_return,
       l.status,
       l.order_customer_id IS NULL AS is_guest,
       l.order_is_anonymous AS is_anonymous,
       l.order_channel AS channel,
       l.order_country AS country,
       coalesce(l.order_is_country_unknown, false) AS is_country_unknown,
       l.order_currency AS currency,
       l._source AS source,
       to_date(from_utc_timestamp(l.ordered_at, :timezone)) AS order_date
FROM order_level l
-- every customer id of a staged record is an identity, so an order with one takes its person from
-- it, else from its valid e-mail: one lookup, one join
LEFT JOIN identities i
  ON i.identity_type = CASE WHEN l.order_customer_id IS NOT NULL THEN 'customer_id' ELSE 'email' END
 AND i.identity_value = coalesce(l.order_customer_id, l.order_email)
 AND (i.identity_type = 'customer_id' OR i.is_valid)

-- Ephemeral model (not written): the orders whose node in cookie_links may differ from the last
-- run's: the orders with a new line (view stg_transactions_new; an order's node is the smallest
-- of its lines') and the orders naming a node whose person changed.
SELECT order_id FROM stg_transactions_new WHERE order_id IS NOT NULL
UNION
SELECT order_id
FROM stg_transactions
WHERE order_id IS NOT NULL
  AND (concat('c:', customer_id) IN (SELECT node FROM identity_nodes_moved)
       OR (is_email_valid AND concat('e:', email) IN (SELECT node FROM identity_nodes_moved)))

-- Ephemeral model (not written): the cookies whose row in silver.identities a run derives again:
-- those in the run's new web evidence (view web_identity_hits_new), which may be first or last
-- seen or linked anew, and those with a link whose person may have changed: a login as a node
-- whose person changed, or the confirmation of an order in identity_orders_again.
SELECT cookie_id FROM web_identity_hits_new WHERE cookie_id IS NOT NULL
UNION
SELECT cookie_id
FROM web_identity_hits
WHERE cookie_id IS NOT NULL
  AND (concat('c:', user_id) IN (SELECT node FROM identity_nodes_moved)
       OR confirmed_order_id IN (SELECT order_id FROM identity_orders_again))

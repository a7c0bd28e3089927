-- Ephemeral model (not written): the nodes of the identity graph as the last run resolved them,
-- read from silver.identities as it was (view identities_before), keyed as in identity_edges,
-- with the label of their component (the node key their customer_id was made from, see
-- silver/identities) and when they were first and last seen. A run that resolves again only
-- what its new records touch starts from these.
SELECT concat(CASE WHEN identity_type = 'customer_id' THEN 'c:' ELSE 'e:' END, identity_value) AS node,
       CASE WHEN customer_id LIKE 'email:%' THEN concat('e:', substr(customer_id, 7)) ELSE concat('c:', customer_id) END AS label,
       first_seen_at,
       last_seen_at
FROM identities_before
WHERE identity_type <> 'cookie' AND is_valid

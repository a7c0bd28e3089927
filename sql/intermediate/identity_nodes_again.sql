-- Ephemeral model (not written): the nodes whose row in silver.identities a run derives again,
-- with their label now and when they were seen as the last run knew it (NULL for a new node).
-- They are the nodes of the new edges and of merged components, and the nodes the rows derived
-- again read a person from: the customer_ids that came with an invalid e-mail (whose rows are
-- all derived again: they are few, and each names the smallest person of its records) and the
-- nodes the cookies in identity_cookies_again are linked to (cookie_links of those cookies).
-- A node outside the new graph takes the new label of its component if it was merged.
WITH needed AS (
  SELECT node FROM identity_labels_delta
  UNION
  SELECT node FROM identity_nodes_moved
  UNION
  SELECT concat('c:', customer_id) FROM invalid_email_records WHERE customer_id IS NOT NULL
  UNION
  SELECT node FROM cookie_links
),
before AS (
  SELECT b.node, b.label, b.first_seen_at, b.last_seen_at
  FROM identity_nodes_before b
  LEFT SEMI JOIN needed n ON n.node = b.node
)
SELECT n.node,
       coalesce(d.label, r.new_label, b.label) AS label,
       b.first_seen_at,
       b.last_seen_at
FROM needed n
LEFT JOIN identity_labels_delta d ON d.node = n.node
LEFT JOIN before b ON b.node = n.node
LEFT JOIN identity_relabels r ON r.old_label = b.label

-- Ephemeral model (not written): the part of the identity graph a run's new records can change.
-- Its edges are the new ones (identity_edges over the run's new records and web evidence, view
-- identity_edges_new) and, for every node they touch that was resolved before, an edge to the
-- label of its component (is_stored_label). A component's label is its smallest node key, so the
-- smallest key of a component of this small graph is the label of the merged component in the
-- whole graph: the components of the whole graph that no new edge touches stay as they were.
WITH touched AS (
  SELECT a AS node FROM identity_edges_new
  UNION
  SELECT b FROM identity_edges_new
)
SELECT a, b, FALSE AS is_stored_label FROM identity_edges_new
UNION ALL
SELECT t.node, s.label, TRUE
FROM touched t
JOIN identity_nodes_before s ON s.node = t.node

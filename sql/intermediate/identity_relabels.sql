-- Ephemeral model (not written): the components resolved before that new edges merged into one
-- with a smaller label (identity_labels_delta: the connected components of
-- identity_graph_delta); every node of such a component takes the new label.
SELECT DISTINCT g.b AS old_label, l.label AS new_label
FROM identity_graph_delta g
JOIN identity_labels_delta l ON l.node = g.b
WHERE g.is_stored_label AND l.label <> g.b

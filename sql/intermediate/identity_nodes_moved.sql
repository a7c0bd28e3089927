-- Ephemeral model (not written): the nodes resolved before whose person changes, because their
-- component was merged into one with a smaller label (identity_relabels).
SELECT node, label
FROM identity_nodes_before
WHERE label IN (SELECT old_label FROM identity_relabels)

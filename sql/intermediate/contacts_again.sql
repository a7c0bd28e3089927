-- Ephemeral model (not written): the contacts (source, contact_id) a night builds again. Those
-- with a record the night added (view contact_records_new: contact_records over those records
-- alone), and those silver.contacts holds (view contacts_before, as the last run wrote it) whose
-- person changed: the identity a contact takes its person from (its customer id, else its
-- e-mail) is among the rows of silver.identities the night derived again that are new or name
-- another person than before (view identities_moved). Every other contact keeps its records and
-- its person, so its row stays.
SELECT _source AS source, contact_key AS contact_id FROM contact_records_new
UNION
SELECT c.source, c.contact_id
FROM contacts_before c
JOIN identities_moved i
  ON i.identity_type = CASE WHEN c.source_customer_id IS NOT NULL THEN 'customer_id' ELSE 'email' END
 AND i.identity_value = coalesce(c.source_customer_id, c.email)

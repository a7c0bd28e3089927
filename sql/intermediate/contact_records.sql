-- Ephemeral model (not written): every staged contact record with the key silver.contacts keeps
-- one row per (source, contact_key) for, and the time its state holds from. contact_id numbers
-- a source's contacts; a record without one is keyed by its customer_id, else its e-mail.
SELECT s.*,
       coalesce(contact_id, concat('customer:', customer_id), concat('email:', email)) AS contact_key,
       coalesce(updated_ts, created_ts) AS state_at
FROM stg_contacts s

-- Ephemeral model (not written): every staged record that came with an e-mail address staging
-- found invalid, with the customer_id it came with and when it was seen. Such e-mails never
-- become nodes of the identity graph; silver.identities lists them with is_valid = false.
SELECT email, customer_id, order_ts AS seen_at FROM stg_transactions WHERE email IS NOT NULL AND NOT is_email_valid
UNION ALL
SELECT email, customer_id, coalesce(created_ts, updated_ts) FROM stg_contacts WHERE email IS NOT NULL AND NOT is_email_valid
UNION ALL
SELECT email, customer_id, ts FROM stg_surveys WHERE email IS NOT NULL AND NOT is_email_valid

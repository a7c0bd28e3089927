-- silver.session_users: the user ids a session was logged in as, one row per session and user id
-- (sessions without a login have none). With the session's cookie in silver.sessions it is all that
-- session_customers needs to find a session's person, so that model reads two tables a tenth the
-- size of silver.session_hits. A night keeps the rows of the sessions it does not cut again
-- (session_users_kept) and adds those of the hits it cut (session_hits as this model sees it:
-- the visitors cut again); a full refresh reads all hits with nothing kept.
SELECT session_id, user_id
FROM session_hits
WHERE user_id IS NOT NULL
UNION
SELECT session_id, user_id
FROM session_users_kept

-- Facts of the satisfaction cube: one row per survey response up to :as_of, with the
-- respondent's segment as of that date.
SELECT YEAR(r.response_date) AS year,
       CONCAT(YEAR(r.response_date), '-Q', QUARTER(r.response_date)) AS quarter,
       DATE_FORMAT(r.response_date, 'yyyy-MM') AS month,
       CAST(r.response_date AS STRING) AS day,
       COALESCE(r.touchpoint, '(unknown)') AS touchpoint,
       COALESCE(s.rfm_segment, '(unknown)') AS segment,
       r.csat,
       r.nps
FROM survey_responses r
LEFT JOIN segments s ON s.customer_key = r.customer_key
WHERE r.response_date <= :as_of

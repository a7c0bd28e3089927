-- Facts of the customers cube: one row per customer in the segments snapshot of :as_of.
SELECT COALESCE(s.rfm_segment, '(no purchase)') AS segment,
       s.lifecycle_stage,
       s.value_tier,
       COALESCE(s.country, '(unknown)') AS country,
       CAST(v.clv AS DOUBLE) AS clv,
       CAST(c.churn_probability AS DOUBLE) AS churn_probability,
       f.last_csat,
       f.last_nps
FROM segments s
LEFT JOIN customer_features f ON f.customer_key = s.customer_key
LEFT JOIN clv v ON v.customer_key = s.customer_key
LEFT JOIN churn_scores c ON c.customer_key = s.customer_key

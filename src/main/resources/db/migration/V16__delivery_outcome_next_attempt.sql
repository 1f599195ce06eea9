-- When a RETRYING delivery's next attempt is due, as GET /notifications/{id} shows it: a provider
-- may ask for a wait of hours (Retry-After), and the delivery waits that long on its retry topic.
-- Null for every other status. Not indexed: read only with its row.
alter table delivery_outcome add column next_attempt_at timestamp with time zone;

-- Retention deletes dead letters older than notify.dead-letter-retention-days, a batch at a time,
-- found through this index (dead_letter_waiting_idx leads with replayed_at). Notifications are
-- found through notification_created_idx.
create index dead_letter_dead_at_idx on dead_letter (dead_at);

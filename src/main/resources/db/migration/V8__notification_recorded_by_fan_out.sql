-- Fan-out records each notification (intake no longer writes to the database), so no claim is
-- marked on the row: a notification that has a row was accepted.
alter table notification drop column claim_confirmed;
-- The embedded default reads the notifications of the dedup window at startup (its eventId memory).
create index notification_created_idx on notification (created_at);

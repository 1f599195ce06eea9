-- A newer notification with the same collapse key replaces an older one still waiting on the
-- device (apns-collapse-id, FCM collapse_key).
alter table notification add column collapse_key varchar(64);

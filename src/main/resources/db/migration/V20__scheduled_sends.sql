-- Scheduled sends and cancellation.

-- When a scheduled notification was to be sent, as GET /notifications/{id} shows it (sendAt); null
-- for one sent at once.
alter table notification add column send_at timestamp with time zone;

-- A notification held until due_at (its sendAt): the record notify.accepted gets again then, as
-- intake published it. Fan-out keeps it here instead of fanning it out; the release route claims
-- due rows (FOR UPDATE SKIP LOCKED, so instances share the work), publishes them and deletes them
-- in one transaction. event_id tells whose notification it is (its id follows from the client and
-- the eventId).
create table scheduled_notification (
    notification_id varchar(36) primary key,
    event_id        varchar(256) not null,
    due_at          timestamp with time zone not null,
    record          text not null
);
create index scheduled_notification_due_idx on scheduled_notification (due_at);

-- Canceled notifications, kept for notify.retention-days: every instance holds their ids, so that
-- fan-out and the delivery workers drop what is still on its way. event_id as above.
create table notification_cancel (
    notification_id varchar(36) primary key,
    event_id        varchar(256) not null,
    canceled_at     timestamp with time zone not null
);
create index notification_cancel_retention_idx on notification_cancel (canceled_at);

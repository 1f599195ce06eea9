-- What became of each delivery, written by the delivery workers. The delivery row is written once,
-- by fan-out (QUEUED or SKIPPED), and no worker updates it: a delivery's current state is its row
-- here if it has one, else its delivery row. An outcome then writes this narrow row and its one
-- index instead of rewriting the wide delivery row and every index of delivery, and on PostgreSQL
-- it is found by delivery_id alone instead of being looked for in every day's partition.
--
-- No index on updated_at: every outcome would write it. Retention deletes the outcomes of the
-- deliveries it removes, found through their delivery rows (routes.retention.DeliveryRetention).
create table delivery_outcome (
    delivery_id         varchar(36) primary key,
    status              varchar(16) not null,
    reason              varchar(32),
    attempts            integer not null,
    last_error          varchar(1000),
    provider_message_id varchar(256),
    updated_at          timestamp with time zone not null
);

-- Upgrades: a delivery without an outcome row reads as its delivery row, which holds whatever the
-- workers of earlier versions wrote to it, so a delivery that is done needs nothing migrated. Those
-- a worker may still write to (waiting for a retry, dead-lettered or expired and so replayable, or
-- replayed and queued again) get their outcome row now, so that their next outcome adds to the
-- attempts already made and keeps their last error. Workers of earlier versions still write to the
-- delivery row, which is not read once a delivery has an outcome row: they stop before this
-- version's workers start (docs/production.md, "Upgrading to the outcome table").
insert into delivery_outcome (delivery_id, status, reason, attempts, last_error, provider_message_id, updated_at)
select delivery_id, status, reason, attempts, last_error, provider_message_id, updated_at
from delivery
where status in ('RETRYING', 'DEAD_LETTERED', 'EXPIRED') or (status = 'QUEUED' and attempts > 0);

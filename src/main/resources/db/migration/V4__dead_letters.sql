-- Deliveries the hub gave up on (attempts exhausted: DEAD_LETTERED; TTL passed: EXPIRED), with the
-- delivery as it would be sent again and the history of its failed attempts (JSON), for the admin
-- API's listing and replay. A replayed one keeps its row, marked, until it dies again.
create table dead_letter (
    delivery_id     varchar(36) primary key,
    notification_id varchar(36) not null,
    user_id         varchar(128) not null,
    channel         varchar(8) not null,
    provider        varchar(8) not null,
    status          varchar(16) not null,
    reason          varchar(32),
    attempts        integer not null,
    history         text not null,
    payload         text not null,
    dead_at         timestamp with time zone not null,
    replayed_at     timestamp with time zone
);
create index dead_letter_waiting_idx on dead_letter (replayed_at, dead_at);

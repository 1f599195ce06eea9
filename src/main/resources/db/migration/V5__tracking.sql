-- What happened to a delivery after the provider took it: delivered, opened, clicked (reported by
-- app SDKs, or by the click-tracking redirect of email links). One row per delivery and type: a
-- repeated event keeps its first time.
create table delivery_event (
    delivery_id  varchar(36) not null,
    type         varchar(16) not null,
    occurred_at  timestamp with time zone not null,
    primary key (delivery_id, type)
);

-- Timing: categories (priority, quiet-hours bypass, frequency caps, default channels), each user's
-- quiet hours, and the deliveries held until a moment (a quiet-hours window's end).

-- caps and default_channels are JSON arrays as the API shows them; read only through the cache of
-- every instance (routes.category.Categories)
create table category (
    name               varchar(64) primary key,
    priority           varchar(8),
    bypass_quiet_hours boolean not null,
    caps               text not null,
    default_channels   text not null,
    updated_at         timestamp with time zone not null
);

-- one window per user, local times HH:mm in the user's time zone; channels a JSON array
create table quiet_hours (
    user_id   varchar(128) primary key references notify_user (user_id) on delete cascade,
    starts_at varchar(5) not null,
    ends_at   varchar(5) not null,
    channels  varchar(64) not null
);

-- When a DEFERRED delivery is sent, as GET /notifications/{id} shows it (notBefore); null for a
-- delivery sent as soon as it could be.
alter table delivery add column not_before timestamp with time zone;

-- A delivery held until due_at: the record its provider's topic gets then, as fan-out would have
-- published it. The release route claims due rows (FOR UPDATE SKIP LOCKED, so instances share the
-- work), publishes them and deletes them in one transaction.
create table deferred_delivery (
    delivery_id varchar(36) primary key,
    provider    varchar(8) not null,
    user_id     varchar(128) not null,
    due_at      timestamp with time zone not null,
    record      text not null
);
create index deferred_delivery_due_idx on deferred_delivery (due_at);

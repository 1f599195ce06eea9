-- One schema for the embedded H2 file database (PostgreSQL mode) and for PostgreSQL itself.

create table notify_user (
    user_id     varchar(128) primary key,
    email       varchar(320),
    phone       varchar(16),
    locale      varchar(35),
    timezone    varchar(64),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

create table device (
    device_id   varchar(36) primary key,
    user_id     varchar(128) not null references notify_user (user_id) on delete cascade,
    platform    varchar(16) not null,
    token       varchar(1024) not null,
    active      boolean not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    -- a push token belongs to exactly one user: registering it again moves it
    constraint device_token_uq unique (token)
);
create index device_user_idx on device (user_id);

-- category '' holds the channel defaults; any other category overrides them per channel
create table channel_preference (
    user_id     varchar(128) not null references notify_user (user_id) on delete cascade,
    category    varchar(64) not null,
    channel     varchar(8) not null,
    allowed     boolean not null,
    primary key (user_id, category, channel)
);

create table notification (
    notification_id varchar(36) primary key,
    event_id        varchar(256) not null,
    user_ids        text not null,
    category        varchar(64),
    channels        varchar(32),
    title           varchar(1024),
    body            text not null,
    data            text,
    priority        varchar(8) not null,
    ttl_seconds     integer,
    created_at      timestamp with time zone not null
);
-- duplicates are answered with the newest notification of an eventId
create index notification_event_idx on notification (event_id, created_at);

create table delivery (
    delivery_id         varchar(36) primary key,
    notification_id     varchar(36) not null,
    user_id             varchar(128) not null,
    channel             varchar(8) not null,
    provider            varchar(8),
    recipient           varchar(1024),
    status              varchar(16) not null,
    reason              varchar(32),
    attempts            integer not null,
    last_error          varchar(1000),
    provider_message_id varchar(256),
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index delivery_notification_idx on delivery (notification_id);

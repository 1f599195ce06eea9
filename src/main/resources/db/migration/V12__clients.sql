-- The callers of the API: each client has scopes (space-separated: send users:read ...) and keys.
-- A key is kept as the hex SHA-256 of its secret only; the secret is shown once, when issued.
-- Keys from notify.api-keys are not here: they belong to the configured client, in memory.
create table api_client (
    client_id  varchar(36) primary key,
    name       varchar(200) not null,
    scopes     varchar(200) not null,
    created_at timestamp with time zone not null
);

create table api_key (
    key_id     varchar(36) primary key,
    client_id  varchar(36) not null references api_client (client_id) on delete cascade,
    key_hash   varchar(64) not null unique,
    shown      varchar(16) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone
);
create index api_key_client_idx on api_key (client_id);

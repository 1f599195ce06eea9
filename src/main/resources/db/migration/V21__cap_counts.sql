-- The embedded default's frequency-cap counts: the deliveries counted per user, category and
-- channel (cap_key), each once, with when it was counted. Kept in the database so that a restart
-- does not forget them; production counts in Redis instead.
create table cap_count (
    cap_key     varchar(300) not null,
    delivery_id varchar(36)  not null,
    counted_at  timestamp    not null,
    primary key (cap_key, delivery_id)
);
create index cap_count_counted_at_idx on cap_count (counted_at);

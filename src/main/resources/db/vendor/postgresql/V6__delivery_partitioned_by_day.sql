-- The delivery log is partitioned by UTC day of created_at, so that retention drops whole days
-- (route retention) instead of deleting rows. A partitioned table's primary key must hold the
-- partition column: delivery ids stay unique because the log insert skips an id already there.
-- The new table copies the old one's columns, defaults, constraints and indexes, whatever earlier
-- migrations added to them.
alter table delivery rename to delivery_unpartitioned;
alter table delivery_unpartitioned rename constraint delivery_pkey to delivery_unpartitioned_pkey;

create table delivery (
    like delivery_unpartitioned including defaults including constraints including generated,
    primary key (delivery_id, created_at)
) partition by range (created_at);

do $$
declare
    old_index record;
    day date;
begin
    for old_index in
        select indexname, indexdef from pg_indexes
        where schemaname = current_schema() and tablename = 'delivery_unpartitioned'
          and indexname <> 'delivery_unpartitioned_pkey'
    loop
        execute format('alter index %I rename to %I', old_index.indexname, old_index.indexname || '_old');
        execute replace(old_index.indexdef, '.delivery_unpartitioned ', '.delivery ');
    end loop;

    -- a partition (delivery_YYYYMMDD) for each day that has deliveries, today and the next two
    -- days; from then on the retention route keeps days ahead
    for day in
        select distinct (created_at at time zone 'UTC')::date from delivery_unpartitioned
        union
        select (now() at time zone 'UTC')::date + ahead from generate_series(0, 2) as ahead
    loop
        execute format('create table %I partition of delivery for values from (%L) to (%L)',
                       'delivery_' || to_char(day, 'YYYYMMDD'),
                       day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
    end loop;
end
$$;

insert into delivery select * from delivery_unpartitioned;
drop table delivery_unpartitioned;

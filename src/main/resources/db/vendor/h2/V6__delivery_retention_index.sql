-- H2 has no partitions: the embedded default's retention deletes the rows older than
-- notify.retention-days in one statement, found through this index. (PostgreSQL partitions the
-- delivery log by day instead, see db/vendor/postgresql; the columns are the same.)
create index delivery_created_idx on delivery (created_at);

package routes.deferral;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table of rows held until a due time (deferred deliveries, scheduled notifications), released
 * in batches by a timer on every worker: each batch is claimed for the release's transaction, rows
 * another instance claimed are skipped rather than waited for, and the released rows are deleted
 * as the transaction commits.
 */
public final class DueRows {

    private final JdbcClient db;
    private final String table;
    private final String id;

    /** {@code table} has the primary key {@code id} and a {@code due_at} column. */
    public DueRows(JdbcClient db, String table, String id) {
        this.db = db;
        this.table = table;
        this.id = id;
    }

    /**
     * Claims up to {@code batch} rows due by {@code now}, oldest first, and hands each (its
     * {@code columns}) to {@code each}; answers the claimed ids. The oldest due ids are read first
     * and then just those locked: in one statement (ORDER BY, LIMIT and FOR UPDATE) H2 locks every
     * due row, 0.3 s a batch behind 160,000 of them.
     */
    public List<String> claim(Instant now, int batch, String columns, RowCallbackHandler each) {
        List<String> oldest = db.sql("select " + id + " from " + table + " where due_at <= ? order by due_at limit ?")
                .params(now.atOffset(ZoneOffset.UTC), batch)
                .query(String.class).list();
        List<String> claimed = new ArrayList<>();
        if (oldest.isEmpty()) {
            return claimed;
        }
        db.sql("select " + id + ", " + columns + " from " + table + " where " + id + " in (:ids) for update skip locked")
                .param("ids", oldest)
                .query(rs -> {
                    claimed.add(rs.getString(1));
                    each.processRow(rs);
                });
        return claimed;
    }

    /** How many rows wait, due or not. */
    public long waiting() {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** The due time of the oldest row due by {@code now}, none if no row is: how far the release is behind. */
    public Optional<Instant> oldestDue(Instant now) {
        return db.sql("select min(due_at) from " + table + " where due_at <= ?")
                .param(now.atOffset(ZoneOffset.UTC))
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    /** The claimed rows are published: forgotten, as the release's transaction commits. */
    public void forget(List<String> claimed) {
        if (!claimed.isEmpty()) {
            db.sql("delete from " + table + " where " + id + " in (:ids)").param("ids", claimed).update();
        }
    }
}

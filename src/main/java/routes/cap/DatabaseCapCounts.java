package routes.cap;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The embedded default's counts, in its database (table cap_count), so that a restart forgets
 * none: one instance counts, so a batch's checks are taken one at a time in one transaction. A
 * key's rows older than its window are dropped as it is checked, and every row older than the
 * longest window a cap may have (31 days) at most once a minute, so that keys no longer checked
 * do not stay for good.
 */
final class DatabaseCapCounts implements CapCounts {

    private static final Duration LONGEST_WINDOW = Duration.ofDays(31);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final JdbcClient db;
    private final TransactionOperations transactions;
    private Instant swept = Instant.EPOCH;

    DatabaseCapCounts(JdbcClient db, TransactionOperations transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    @Override
    public synchronized List<Boolean> take(List<Check> checks, Instant now) {
        return transactions.execute(status -> {
            if (swept.plus(SWEEP_EVERY).isBefore(now)) {
                db.sql("delete from cap_count where counted_at <= ?").param(Timestamp.from(now.minus(LONGEST_WINDOW)))
                        .update();
                swept = now;
            }
            List<Boolean> fits = new ArrayList<>(checks.size());
            for (Check check : checks) {
                fits.add(take(check, now));
            }
            return fits;
        });
    }

    private boolean take(Check check, Instant now) {
        db.sql("delete from cap_count where cap_key = ? and counted_at <= ?")
                .params(check.key(), Timestamp.from(now.minus(check.window()))).update();
        boolean counted = db.sql("select count(*) from cap_count where cap_key = ? and delivery_id = ?")
                .params(check.key(), check.deliveryId()).query(Integer.class).single() > 0;
        if (counted) {
            return true;
        }
        int inWindow = db.sql("select count(*) from cap_count where cap_key = ?").param(check.key())
                .query(Integer.class).single();
        if (inWindow >= check.max()) {
            return false;
        }
        db.sql("insert into cap_count (cap_key, delivery_id, counted_at) values (?, ?, ?)")
                .params(check.key(), check.deliveryId(), Timestamp.from(now)).update();
        return true;
    }
}

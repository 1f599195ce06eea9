package routes.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What waits in the database rather than on a topic, which the consumer lag
 * ({@code notify.queue.depth}) cannot show: notifications scheduled for later
 * ({@code scheduled_notification}, routes/schedules.yaml) and deliveries held by quiet hours
 * ({@code deferred_delivery}, routes/deferrals.yaml). Two gauges per kind ({@code scheduled},
 * {@code deferred}): {@code notify.held} (rows waiting) and {@code notify.held.overdue} (seconds the
 * oldest due row has waited past its due time, 0 while none is due): a release falling behind shows
 * there first. Both read the shared database, so every instance reports the whole of it.
 */
@Component("heldRows")
public class HeldRows {

    private static final Logger log = LoggerFactory.getLogger(HeldRows.class);

    /** Each kind of held row and its table; both tables have a due_at index. */
    private enum Kind {
        SCHEDULED("scheduled_notification"), DEFERRED("deferred_delivery");

        final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    private final JdbcClient db;
    private final MultiGauge waiting;
    private final MultiGauge overdue;

    public HeldRows(JdbcClient db, MeterRegistry registry) {
        this.db = db;
        this.waiting = MultiGauge.builder("notify.held")
                .description("Scheduled notifications and quiet-hours deliveries waiting in the database, per kind")
                .baseUnit("rows")
                .register(registry);
        this.overdue = MultiGauge.builder("notify.held.overdue")
                .description("How long the oldest due scheduled notification or deferred delivery has waited past its due time")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Reads both tables again; while the database cannot be asked, the gauges have no rows rather than old ones. */
    public void refresh() {
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            for (Kind kind : Kind.values()) {
                Tags tags = Tags.of("kind", kind.name().toLowerCase());
                long rows = db.sql("select count(*) from " + kind.table).query(Long.class).single();
                OffsetDateTime oldestDue = db.sql("select min(due_at) from " + kind.table + " where due_at <= ?")
                        .param(now).query(OffsetDateTime.class).optional().orElse(null);
                waitingRows.add(MultiGauge.Row.of(tags, rows));
                overdueRows.add(MultiGauge.Row.of(tags, oldestDue == null ? 0
                        : Duration.between(oldestDue.toInstant(), Instant.from(now)).toMillis() / 1000.0));
            }
        } catch (DataAccessException unreachable) {
            log.warn("Held rows not measured, the database did not answer: {}", unreachable.toString());
            waitingRows.clear();
            overdueRows.clear();
        }
        waiting.register(waitingRows, true);
        overdue.register(overdueRows, true);
    }
}

package routes.retention;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import routes.delivery.Delivery;
import routes.delivery.DeliveryLog;

/**
 * Keeps the delivery log to {@code notify.retention-days}. On PostgreSQL the log is partitioned by
 * UTC day ({@code delivery_YYYYMMDD}): the next days get their partitions ahead of time and a day
 * whose end is older than retention is dropped whole. H2 has no partitions: the deliveries of the
 * notifications older than retention are deleted, a batch of notifications at a time.
 *
 * <p>The outcomes the workers recorded ({@code delivery_outcome}, not partitioned: a worker finds
 * an outcome by delivery id alone) and the events reported for a delivery ({@code delivery_event})
 * go with their deliveries: found through the rows about to go (on H2 through their notifications, on
 * PostgreSQL the day's partition) and deleted by primary key, first, so that no delivery is ever
 * read without the outcome it had. This needs no index on their time, which every outcome and event
 * would write. An outcome recorded for a delivery already gone (a dead letter replayed after its
 * day was dropped) is not found this way; no reader sees it, and its error text is masked.
 */
@Component("deliveryRetention")
public class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PARTITION = "delivery_";
    /** Days ahead that always have a partition, so a late run never leaves an insert without one. */
    private static final int DAYS_AHEAD = 2;
    /** Serialises instances that run retention at once (any constant, the same everywhere). */
    private static final long LOCK = 0x6e6f74696679L;

    /**
     * On H2, the deliveries past retention are those of the notifications past it (as notifications
     * are kept: a scheduled one from its sendAt), found through notification_created_idx, each
     * notification's deliveries in ranges of the log's primary key ({@link Delivery#idRangesOf}). An
     * index on delivery.created_at or notification_id would cost every delivery fan-out logs a
     * descent more; a delivery is logged within moments of its notification, whose row retention
     * deletes after its deliveries.
     */
    private static final String OLD_NOTIFICATIONS = "select notification_id, created_at from notification where "
            + ContentRetention.NOTIFICATION_PAST_RETENTION;
    private static final int RANGES_PER_BATCH = 2000;

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final boolean partitioned;

    public DeliveryRetention(JdbcClient db, JdbcTemplate jdbc, DataSource dataSource, RetentionSettings settings)
            throws SQLException {
        this.db = db;
        this.jdbc = jdbc;
        this.retention = Duration.ofDays(settings.retentionDays());
        this.partitioned = DeliveryLog.onPostgres(dataSource);
    }

    @Transactional
    public void apply() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime cutoff = now.minus(retention);
        if (!partitioned) {
            var deleted = new DeletedCounts();
            List<Object[]> ranges = new ArrayList<>();
            db.sql(OLD_NOTIFICATIONS).param("cutoff", cutoff).query(row -> {
                String notificationId = row.getString(1);
                List<String> bounds = Delivery.idRangesOf(notificationId,
                        row.getObject(2, OffsetDateTime.class).toInstant());
                ranges.add(new Object[] {bounds.get(0), bounds.get(1), notificationId});
                ranges.add(new Object[] {bounds.get(2), bounds.get(3), notificationId});
                if (ranges.size() >= RANGES_PER_BATCH) {
                    deleteDeliveriesIn(ranges, deleted);
                    ranges.clear();
                }
            });
            deleteDeliveriesIn(ranges, deleted);
            if (deleted.deliveries > 0) {
                log.info("Deleted {} deliveries logged before {} ({} with outcomes)", deleted.deliveries, cutoff,
                        deleted.outcomes);
            }
            return;
        }
        db.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs, row) -> row).list();
        List<String> expired = partitions().stream()
                .filter(partition -> !startOf(dayOf(partition).plusDays(1)).isAfter(cutoff))
                .toList();
        // the row deletes first: creating and dropping partitions locks the whole log until commit
        for (String partition : expired) {
            int outcomes = deleteOutcomesAndEventsOf(partition);
            log.info("Deleted the {} outcomes and the events of the delivery log of {}", outcomes, dayOf(partition));
        }
        LocalDate today = now.toLocalDate();
        for (int ahead = 0; ahead <= DAYS_AHEAD; ahead++) {
            LocalDate day = today.plusDays(ahead);
            db.sql("create table if not exists " + partitionOf(day) + " partition of delivery for values from ('"
                    + startOf(day) + "') to ('" + startOf(day.plusDays(1)) + "')").update();
        }
        for (String partition : expired) {
            db.sql("drop table " + partition).update();
            log.info("Dropped the delivery log of {} (retention {} days)", dayOf(partition), retention.toDays());
        }
    }

    /**
     * Deletes each notification's deliveries in an id range of {@code ranges} (lowest, highest,
     * notification), their outcomes and events first. A range may hold another notification's
     * deliveries too (one accepted in the same millisecond), which stay.
     */
    private void deleteDeliveriesIn(List<Object[]> ranges, DeletedCounts deleted) {
        if (ranges.isEmpty()) {
            return;
        }
        String inRange = " where delivery_id between ? and ? and notification_id = ?";
        String ofThoseDeliveries = " where delivery_id in (select delivery_id from delivery" + inRange + ")";
        jdbc.batchUpdate("delete from delivery_event" + ofThoseDeliveries, ranges);
        deleted.outcomes += IntStream.of(jdbc.batchUpdate("delete from delivery_outcome" + ofThoseDeliveries, ranges))
                .sum();
        deleted.deliveries += IntStream.of(jdbc.batchUpdate("delete from delivery" + inRange, ranges)).sum();
    }

    private static final class DeletedCounts {
        int deliveries;
        int outcomes;
    }

    /** Deletes the outcomes and events of the deliveries of the day's {@code partition}; answers how many outcomes went. */
    private int deleteOutcomesAndEventsOf(String partition) {
        String ofThoseDeliveries = " where delivery_id in (select delivery_id from " + partition + ")";
        db.sql("delete from delivery_event" + ofThoseDeliveries).update();
        return db.sql("delete from delivery_outcome" + ofThoseDeliveries).update();
    }

    private List<String> partitions() {
        return db.sql("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                        + "where i.inhparent = 'delivery'::regclass")
                .query(String.class)
                .list()
                .stream()
                .filter(name -> name.matches(PARTITION + "\\d{8}"))
                .toList();
    }

    private static LocalDate dayOf(String partition) {
        return LocalDate.parse(partition.substring(PARTITION.length()), DAY);
    }

    private static String partitionOf(LocalDate day) {
        return PARTITION + DAY.format(day);
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}

package routes.retention;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps what holds a message's content and its recipients beside the delivery log: notifications
 * (title, body, data, user ids) to {@code notify.retention-days}, dead letters (the delivery as it
 * would be sent again) to {@code notify.dead-letter-retention-days}; the audit log, which names
 * clients and addresses, to {@code notify.audit-retention-days}; and the ids of erased users and of
 * canceled notifications, which outlast what was accepted for them and still travels on the topics,
 * to {@code notify.retention-days}. None is partitioned, so
 * older rows are deleted {@code notify.retention-batch} at a time, each batch committed on its own:
 * a backlog never holds one long transaction or its locks. Instances that run this at once only
 * delete the same rows; the next run takes what one left.
 */
@Component("contentRetention")
public class ContentRetention {

    private static final Logger log = LoggerFactory.getLogger(ContentRetention.class);

    /**
     * A notification past {@code :cutoff}: a scheduled one is kept as long from when it was sent as
     * one sent at once. Its deliveries go with it ({@link DeliveryRetention}, on H2).
     */
    static final String NOTIFICATION_PAST_RETENTION = "created_at < :cutoff and (send_at is null or send_at < :cutoff)";

    private final JdbcClient db;
    private final Duration retention;
    private final Duration deadLetters;
    private final Duration audit;
    private final int batch;

    public ContentRetention(JdbcClient db, RetentionSettings settings) {
        this.db = db;
        this.retention = Duration.ofDays(settings.retentionDays());
        this.deadLetters = Duration.ofDays(settings.deadLetterRetentionDays());
        this.audit = Duration.ofDays(settings.auditRetentionDays());
        this.batch = settings.retentionBatch();
    }

    public void apply() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        deleteBefore("notification", "notification_id", NOTIFICATION_PAST_RETENTION,
                now.minus(retention));
        deleteBefore("dead_letter", "delivery_id", "dead_at < :cutoff", now.minus(deadLetters));
        deleteBefore("audit_entry", "audit_id", "recorded_at < :cutoff", now.minus(audit));
        deleteBefore("user_erasure", "user_id", "erased_at < :cutoff", now.minus(retention));
        deleteBefore("notification_cancel", "notification_id", "canceled_at < :cutoff", now.minus(retention));
    }

    /** Deletes the rows of {@code table} that are {@code older} than {@code cutoff}, a batch per statement. */
    private void deleteBefore(String table, String key, String older, OffsetDateTime cutoff) {
        String deleteBatch = "delete from " + table + " where " + key + " in (select " + key + " from " + table
                + " where " + older + " limit :batch)";
        int total = 0;
        int deleted;
        do {
            deleted = db.sql(deleteBatch).param("cutoff", cutoff).param("batch", batch).update();
            total += deleted;
        } while (deleted == batch);
        if (total > 0) {
            log.info("Deleted {} rows of {} older than {}", total, table, cutoff);
        }
    }
}

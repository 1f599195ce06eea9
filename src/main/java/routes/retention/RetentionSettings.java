package routes.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.retention-days}: the days the delivery log (deliveries, their outcomes and events),
 * the notifications and the ids of erased users keep; {@code notify.dead-letter-retention-days}: the days a dead letter
 * waits for a replay; {@code notify.audit-retention-days}: the days the audit log keeps an entry;
 * {@code notify.retention-batch}: the most rows one delete removes. How often
 * the retention route runs ({@code notify.retention-interval}) is read by routes/operations.yaml.
 */
@ConfigurationProperties("notify")
public record RetentionSettings(int retentionDays, int deadLetterRetentionDays, int auditRetentionDays,
        int retentionBatch) {

    public RetentionSettings {
        // zero days would delete what was just written
        if (retentionDays < 1 || deadLetterRetentionDays < 1 || auditRetentionDays < 1 || retentionBatch < 1) {
            throw new IllegalArgumentException("notify.retention-days, notify.dead-letter-retention-days, "
                    + "notify.audit-retention-days and notify.retention-batch must be at least 1");
        }
    }
}

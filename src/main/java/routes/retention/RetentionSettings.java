package routes.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.retention-days}: the days the delivery log keeps. How often the retention route
 * runs ({@code notify.retention-interval}) is read by routes/operations.yaml.
 */
@ConfigurationProperties("notify")
public record RetentionSettings(int retentionDays) {}

package routes.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How scheduled notifications are released: the route release-scheduled looks every
 * {@code notify.schedule.poll-period} for due ones, claiming at most {@code notify.schedule.batch}
 * at a time.
 */
@ConfigurationProperties("notify.schedule")
public record ScheduleSettings(int batch) {}

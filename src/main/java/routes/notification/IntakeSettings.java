package routes.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notify.intake.timeout}: the longest a request waits for Kafka to take its notification;
 * past it the request is answered 503 with Retry-After, and the client sends it again.
 */
@ConfigurationProperties("notify.intake")
public record IntakeSettings(Duration timeout) {}

package routes.retry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Backoff for transient failures ({@code notify.retry.*}): attempt n waits about
 * {@code baseDelay * 2^(n-1)}, at most {@code maxDelay}, half of it jittered, or what the provider
 * asked for if longer, up to {@code maxRetryAfter} (a due time past the notification's expiry makes
 * it EXPIRED instead); after {@code maxAttempts} attempts the delivery is dead-lettered. A retry
 * worker holds a record at most {@code maxDelay}: one due later goes round its retry topic again.
 */
@Validated
@ConfigurationProperties("notify.retry")
public record RetrySettings(Duration baseDelay, Duration maxDelay, int maxAttempts, Duration maxRetryAfter) {

    public RetrySettings {
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("notify.retry needs 0 < base-delay <= max-delay");
        }
        // A retry worker holds its poll while it waits for a due record (see routes/retries.yaml).
        if (maxDelay.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("notify.retry.max-delay must be at most 10m");
        }
        if (maxRetryAfter.compareTo(maxDelay) < 0) {
            throw new IllegalArgumentException("notify.retry.max-retry-after must be at least max-delay");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("notify.retry.max-attempts must be at least 1");
        }
    }
}

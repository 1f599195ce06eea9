package routes.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.provider.TransientFailure;

/** What becomes of a delivery whose attempt failed transiently: another attempt later, or the dead letter. */
@Component("retries")
public class Retries {

    private final RetrySettings settings;

    public Retries(RetrySettings settings) {
        this.settings = settings;
    }

    /**
     * RETRYING with the next attempt due after the backoff (or the provider's Retry-After, if
     * longer); DEAD_LETTERED once the last attempt has failed (counted since an operator's replay).
     */
    public Outcome after(@ExchangeProperty("delivery") Delivery delivery,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) TransientFailure cause) {
        String reason = Outcome.shortReason(cause.reason());
        if (delivery.attemptsThisRun() >= settings.maxAttempts()) {
            return Outcome.attempted(delivery, DeliveryStatus.DEAD_LETTERED, reason, cause,
                    delivery.deadLettered(DeliveryStatus.DEAD_LETTERED, reason));
        }
        Instant due = Instant.now().plus(delay(delivery.attemptsThisRun(), cause.retryAfter()));
        return Outcome.attempted(delivery, DeliveryStatus.RETRYING, reason, cause, delivery.retryAt(due, reason));
    }

    /** How long the retry worker holds a delivery before it goes back to its provider's topic. */
    public long millisUntilDue(@Body Delivery delivery) {
        return delivery.notBefore() == null ? 0
                : Math.max(0, Duration.between(Instant.now(), delivery.notBefore()).toMillis());
    }

    /** Exponential backoff with equal jitter, never shorter than what the provider asked for. */
    Duration delay(int failedAttempt, Duration retryAfter) {
        long base = settings.baseDelay().toMillis();
        long exponential = base << Math.min(failedAttempt - 1, 30);
        long capped = Math.min(exponential <= 0 ? Long.MAX_VALUE : exponential, settings.maxDelay().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration backoff = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }
}

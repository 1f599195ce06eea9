package routes.retry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Route;
import org.apache.camel.StatefulService;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;
import routes.deferral.RetryPostponement;
import routes.delivery.Delivery;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;
import routes.provider.TransientFailure;

/** What becomes of a delivery whose attempt failed transiently: another attempt later, or the dead letter. */
@Component("retries")
public class Retries {

    private static final long SHUTDOWN_CHECK_MILLIS = 250;
    private static final String DUE_AFTER_TTL = "DUE_AFTER_TTL";

    private final RetrySettings settings;
    private final RetryPostponement quietHours;
    private final ObjectReader notBeforeReader;

    public Retries(RetrySettings settings, RetryPostponement quietHours, ObjectMapper json) {
        this.settings = settings;
        this.quietHours = quietHours;
        this.notBeforeReader = json.readerFor(NotBefore.class);
    }

    /**
     * RETRYING with the next attempt due after the backoff (or the provider's Retry-After, if
     * longer); DEAD_LETTERED once the last attempt has failed (counted since an operator's replay);
     * EXPIRED if the next attempt would be due after the notification's expiry: waiting could only
     * end in that. A next attempt that would fall inside the user's quiet hours is due when they end.
     */
    public Outcome after(Delivery delivery, TransientFailure cause) {
        String reason = Outcome.shortReason(cause.reason());
        if (delivery.attemptsThisRun() >= settings.maxAttempts()) {
            return Outcome.attempted(delivery, DeliveryStatus.DEAD_LETTERED, reason, cause,
                    delivery.deadLettered(DeliveryStatus.DEAD_LETTERED, reason));
        }
        Duration delay = delay(delivery.attemptsThisRun(), cause.retryAfter());
        Instant due = Instant.now().plus(delay).plus(quietHours.postponement(delivery, delay));
        if (delivery.expiresAt() != null && due.isAfter(delivery.expiresAt())) {
            return Outcome.attempted(delivery, DeliveryStatus.EXPIRED, DUE_AFTER_TTL, cause,
                    delivery.deadLettered(DeliveryStatus.EXPIRED, DUE_AFTER_TTL));
        }
        return Outcome.attempted(delivery, DeliveryStatus.RETRYING, reason, cause, delivery.retryAt(due, reason));
    }

    /**
     * Holds a delivery record on the retry worker until its next attempt is due, or until it has
     * been on the retry topic for notify.retry.max-delay, whichever comes first, and answers whether
     * it is due: one that is not goes round the retry topic again. So no record holds the
     * worker's poll longer than max-delay after it was published, however far ahead a provider put
     * its due time. A record that is not a delivery, or says no due time, is due at once. A worker
     * told to stop meanwhile (the hub shutting down, or an operator stopping the route) gives it
     * back instead of holding the stop: the exchange fails, the consumer (breakOnFirstError) seeks
     * back to the record and nothing commits it, so it is held again when the worker runs again.
     */
    public boolean awaitDue(@Body String record, @Header(KafkaConstants.TIMESTAMP) Long publishedAt,
            Exchange exchange) throws InterruptedException {
        Instant due = dueTime(record);
        Instant heldUntil = publishedAt == null ? null : Instant.ofEpochMilli(publishedAt).plus(settings.maxDelay());
        Instant until = due == null || heldUntil == null || due.isBefore(heldUntil) ? due : heldUntil;
        for (long wait = millisUntil(until); wait > 0; wait = millisUntil(until)) {
            if (stopping(exchange)) {
                throw new HeldAtShutdown(record);
            }
            Thread.sleep(Math.min(wait, SHUTDOWN_CHECK_MILLIS));
        }
        return millisUntil(due) == 0;
    }

    /** Camel suspends a route's consumer first when it stops the route, then waits for its exchanges. */
    private static boolean stopping(Exchange exchange) {
        CamelContext camel = exchange.getContext();
        Route route = camel.getRoute(exchange.getFromRouteId());
        return camel.isStopping() || route == null
                || route.getConsumer() instanceof StatefulService consumer
                        && (consumer.isSuspending() || consumer.isSuspended() || !consumer.isRunAllowed());
    }

    private Instant dueTime(String record) {
        try {
            return notBeforeReader.readValue(record, NotBefore.class).notBefore();
        } catch (IOException | RuntimeException notADelivery) {
            return null;
        }
    }

    /** The one field of a delivery record the retry worker needs (Delivery.notBefore). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record NotBefore(Instant notBefore) {}

    private static long millisUntil(Instant due) {
        return due == null ? 0 : Math.max(0, Duration.between(Instant.now(), due).toMillis());
    }

    /** A delivery not yet due when its worker stopped: it stays uncommitted on the retry topic for the next run. */
    public static final class HeldAtShutdown extends RuntimeException {
        HeldAtShutdown(String record) {
            super("retry worker stopping: a delivery stays on its retry topic until it runs again: "
                    + record.substring(0, Math.min(record.length(), 120)), null, false, false);
        }
    }

    /**
     * Exponential backoff with equal jitter, never shorter than what the provider asked for (up to
     * notify.retry.max-retry-after).
     */
    Duration delay(int failedAttempt, Duration retryAfter) {
        long base = settings.baseDelay().toMillis();
        long exponential = base << Math.min(failedAttempt - 1, 30);
        long capped = Math.min(exponential <= 0 ? Long.MAX_VALUE : exponential, settings.maxDelay().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration backoff = Duration.ofMillis(jittered);
        if (retryAfter == null || retryAfter.compareTo(backoff) <= 0) {
            return backoff;
        }
        return retryAfter.compareTo(settings.maxRetryAfter()) < 0 ? retryAfter : settings.maxRetryAfter();
    }
}

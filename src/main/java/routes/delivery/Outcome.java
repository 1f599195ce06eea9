package routes.delivery;

import java.time.Instant;
import routes.provider.PermanentFailure;
import routes.provider.ProviderReceipt;

/**
 * What became of one delivery attempt, as the delivery log records it. {@code followUp} is the
 * delivery as it travels on: to its provider's retry topic (RETRYING) or dead-letter topic
 * (DEAD_LETTERED, EXPIRED); null when nothing follows.
 */
public record Outcome(String deliveryId, DeliveryStatus status, String reason, int attempted, String lastError,
        String providerMessageId, Delivery followUp) {

    private static final String TTL_PASSED = "TTL_PASSED";

    public static Outcome sent(Delivery delivery, ProviderReceipt receipt) {
        return new Outcome(delivery.deliveryId(), DeliveryStatus.SENT, null, 1, null, receipt.providerMessageId(), null);
    }

    /** Its notification was canceled before it was sent: never sent, nothing follows. */
    public static Outcome canceled(String deliveryId) {
        return new Outcome(deliveryId, DeliveryStatus.CANCELED, null, 0, null, null, null);
    }

    /** Its TTL passed before it could be sent: not sent, parked with the dead letters. */
    public static Outcome expired(Delivery delivery) {
        return new Outcome(delivery.deliveryId(), DeliveryStatus.EXPIRED, TTL_PASSED, 0, null, null,
                delivery.deadLettered(DeliveryStatus.EXPIRED, TTL_PASSED));
    }

    /** The provider refused for good (its reason is kept), or the worker itself failed. */
    public static Outcome failed(Delivery delivery, Throwable cause) {
        String reason = cause instanceof PermanentFailure refusal ? refusal.reason() : "WORKER_ERROR";
        return attempted(delivery, DeliveryStatus.FAILED, reason, cause, null);
    }

    /** The outcome of an attempt that reached (or tried to reach) the provider and failed. */
    public static Outcome attempted(Delivery delivery, DeliveryStatus status, String reason, Throwable cause,
            Delivery followUp) {
        return new Outcome(delivery.deliveryId(), status, shortReason(reason), 1, describe(cause), null, followUp);
    }

    /** When a RETRYING delivery's next attempt is due; null for every other outcome. */
    public Instant nextAttemptAt() {
        return status == DeliveryStatus.RETRYING && followUp != null ? followUp.notBefore() : null;
    }

    /** Reasons are short codes (a provider's error name); the log keeps 32 characters. */
    public static String shortReason(String reason) {
        return truncate(reason, 32);
    }

    /** The error text the delivery log keeps and the delivery's log line states, personal data masked. */
    static String describe(Throwable cause) {
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return truncate(ErrorText.mask(error), 1000);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

package routes.delivery;

/**
 * What became of one delivery attempt, as the delivery log records it. {@code followUp} is the
 * delivery as it travels on: to its provider's retry topic (RETRYING) or dead-letter topic
 * (DEAD_LETTERED, EXPIRED); null when nothing follows.
 */
public record Outcome(String deliveryId, DeliveryStatus status, String reason, int attempted, String lastError,
        String providerMessageId, Delivery followUp) {

    /** The outcome of an attempt that reached (or tried to reach) the provider and failed. */
    public static Outcome attempted(Delivery delivery, DeliveryStatus status, String reason, Throwable cause,
            Delivery followUp) {
        return new Outcome(delivery.deliveryId(), status, shortReason(reason), 1, describe(cause), null, followUp);
    }

    /** Reasons are short codes (a provider's error name); the log keeps 32 characters. */
    public static String shortReason(String reason) {
        return truncate(reason, 32);
    }

    static String describe(Throwable cause) {
        String error = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return truncate(error, 1000);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

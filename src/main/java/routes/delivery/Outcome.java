package routes.delivery;

/** What became of one delivery attempt, as the delivery log records it. */
public record Outcome(String deliveryId, DeliveryStatus status, String reason, int attempted, String lastError,
        String providerMessageId) {}

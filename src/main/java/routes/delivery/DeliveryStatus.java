package routes.delivery;

public enum DeliveryStatus {
    QUEUED, SENT, SKIPPED, RETRYING, FAILED, DEAD_LETTERED, EXPIRED
}

package routes.delivery;

/** A delivery's state; DEFERRED waits for its notBefore (the user's quiet hours ending), then is QUEUED. */
public enum DeliveryStatus {
    QUEUED, SENT, SKIPPED, RETRYING, FAILED, DEAD_LETTERED, EXPIRED, DEFERRED
}

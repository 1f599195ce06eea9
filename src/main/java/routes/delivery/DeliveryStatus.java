package routes.delivery;

/**
 * A delivery's state; DEFERRED waits for its notBefore (the user's quiet hours ending), then is
 * QUEUED. CANCELED: its notification was canceled before it was sent.
 */
public enum DeliveryStatus {
    QUEUED, SENT, SKIPPED, RETRYING, FAILED, DEAD_LETTERED, EXPIRED, DEFERRED, CANCELED;

    /** Whether a delivery in this state is still on its way (queued, held or to be tried again). */
    public boolean isPending() {
        return this == QUEUED || this == RETRYING || this == DEFERRED;
    }
}

package routes.delivery;

import java.util.Locale;
import routes.notification.Priority;

/**
 * Which of its provider's two topics a delivery waits on, so that what must arrive now never queues
 * behind what may wait. The lane follows what the device is told: HIGH (wake it now) takes the
 * urgent lane, {@code notify.<provider>}; NORMAL and BULK (the platform may save battery, or the
 * traffic may wait) take the bulk lane, {@code notify.<provider>.bulk}. Each lane has its own
 * worker route and consumer; both send through the provider's one client and circuit breaker.
 */
public enum Lane {
    URGENT, BULK;

    /** The record header that names a delivery's lane, for the retry worker to put it back on it. */
    public static final String HEADER = "notify.lane";

    public static Lane of(Priority priority) {
        return priority == Priority.HIGH ? URGENT : BULK;
    }

    /** The lane's topic for this provider. */
    public String topic(Provider provider) {
        return this == URGENT ? "notify." + provider.wire() : "notify." + provider.wire() + ".bulk";
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

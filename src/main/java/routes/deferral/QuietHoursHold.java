package routes.deferral;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;
import routes.category.Categories;
import routes.delivery.Delivery;
import routes.delivery.SkipReason;
import routes.user.QuietHours;
import routes.user.Recipient;
import routes.user.Recipients;

/**
 * Fan-out's quiet-hours step: a queued delivery on a channel the user's quiet hours hold, whose
 * category does not bypass them, is DEFERRED until the window ends in the user's time zone; one
 * whose TTL runs out first is SKIPPED (QUIET_HOURS) rather than held only to expire.
 */
@Component("quietHoursHold")
public class QuietHoursHold {

    private final Recipients recipients;
    private final Categories categories;
    private final Clock clock;

    public QuietHoursHold(Recipients recipients, Categories categories, Clock clock) {
        this.recipients = recipients;
        this.categories = categories;
        this.clock = clock;
    }

    public List<Delivery> apply(@Body List<Delivery> deliveries) {
        Instant now = clock.instant();
        return deliveries.stream().map(delivery -> held(delivery, now)).toList();
    }

    private Delivery held(Delivery delivery, Instant now) {
        if (!delivery.isQueued() || categories.lookup(delivery.category()).bypassQuietHours()) {
            return delivery;
        }
        Recipient recipient = recipients.lookup(delivery.userId());
        QuietHours quiet = recipient.preferences().quietHours();
        if (quiet == null || !quiet.holds(delivery.channel())) {
            return delivery;
        }
        return quiet.endOfWindowAt(now, recipient.zone()).map(end -> heldUntil(delivery, end)).orElse(delivery);
    }

    private static Delivery heldUntil(Delivery delivery, Instant end) {
        boolean expiresFirst = delivery.expiresAt() != null && !delivery.expiresAt().isAfter(end);
        return expiresFirst ? delivery.skipped(SkipReason.QUIET_HOURS) : delivery.deferredUntil(end);
    }
}

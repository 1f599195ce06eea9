package routes.deferral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * whose TTL runs out first is SKIPPED (QUIET_HOURS) rather than held only to expire. A retry is
 * held the same way: its next attempt never falls inside the window ({@link #postponement}).
 */
@Component("quietHoursHold")
public class QuietHoursHold implements RetryPostponement {

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

    /**
     * How much later than {@code delay} from now this delivery's next attempt must be, so that it
     * does not fall inside the user's quiet hours: until the window ends, or zero.
     */
    @Override
    public Duration postponement(Delivery delivery, Duration delay) {
        Instant at = clock.instant().plus(delay);
        return windowEnd(delivery, at).map(end -> Duration.between(at, end)).orElse(Duration.ZERO);
    }

    private Delivery held(Delivery delivery, Instant now) {
        if (!delivery.isQueued()) {
            return delivery;
        }
        return windowEnd(delivery, now).map(end -> heldUntil(delivery, end)).orElse(delivery);
    }

    /** When the quiet hours that hold this delivery at {@code at} end, if they do. */
    private Optional<Instant> windowEnd(Delivery delivery, Instant at) {
        if (categories.lookup(delivery.category()).bypassQuietHours()) {
            return Optional.empty();
        }
        Recipient recipient = recipients.lookup(delivery.userId());
        QuietHours quiet = recipient.preferences().quietHours();
        if (quiet == null || !quiet.holds(delivery.channel())) {
            return Optional.empty();
        }
        return quiet.endOfWindowAt(at, recipient.zone());
    }

    private static Delivery heldUntil(Delivery delivery, Instant end) {
        boolean expiresFirst = delivery.expiresAt() != null && !delivery.expiresAt().isAfter(end);
        return expiresFirst ? delivery.skipped(SkipReason.QUIET_HOURS) : delivery.deferredUntil(end);
    }
}

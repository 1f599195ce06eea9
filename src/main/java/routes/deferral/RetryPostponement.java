package routes.deferral;

import java.time.Duration;
import routes.delivery.Delivery;

/** How much later a delivery's next attempt must come than its backoff says (the user's quiet hours). */
@FunctionalInterface
public interface RetryPostponement {

    /** Nothing postponed: for rules tested without users. */
    RetryPostponement NONE = (delivery, delay) -> Duration.ZERO;

    /** The time to add to {@code delay} from now, zero when the attempt may come then. */
    Duration postponement(Delivery delivery, Duration delay);
}

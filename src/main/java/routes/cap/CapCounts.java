package routes.cap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The deliveries each user got per category and channel within a rolling window: a sorted set per
 * key, its members delivery ids, each scored by when it was counted. A delivery already counted
 * (fan-out re-reading its batch) fits again and is not counted twice.
 */
interface CapCounts {

    /** One delivery against one cap: {@code key} names the user, category and channel. */
    record Check(String key, String deliveryId, int max, Duration window) {}

    /** For each check in order, whether its delivery fits under its cap; those that fit are counted at {@code now}. */
    List<Boolean> take(List<Check> checks, Instant now);
}

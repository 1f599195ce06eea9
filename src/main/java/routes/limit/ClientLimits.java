package routes.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketExceptions.BucketExecutionException;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import routes.client.Caller;
import routes.client.Limit;
import routes.delivery.Channel;
import routes.notification.ValidNotification;

/**
 * Each client's limits as token buckets, one per client and limit, holding one second's worth and
 * refilling continuously: every /api/v1 request takes one from requestsPerSecond
 * ({@link RequestLimitFilter}), an accepted notification takes what it may deliver from
 * deliveriesPerSecond (route accept). Over a limit nothing is taken and {@link LimitExceeded}
 * answers 429. A notification counting more than a full bucket holds passes when the bucket is
 * full and leaves the rest owed, so that a bulk bigger than one second's worth is possible and
 * still paid for. An unlimited client costs nothing.
 *
 * <p>When the buckets' store (production's Redis) cannot be asked, the request passes unchecked,
 * counted in {@code notify.limits.unchecked} and logged at most every 10 s: limits guard capacity,
 * and refusing every call while Redis is away would stop the parts of the API that do not need
 * it; intake does need it, and answers 503 for its eventId's dedup.
 */
@Component("limits")
public class ClientLimits {

    /** The two limits: the setting's name, and the bucket's and the metrics' label. */
    enum Kind {
        REQUESTS("requestsPerSecond", "requests"), DELIVERIES("deliveriesPerSecond", "deliveries");

        final String setting;
        final String label;

        Kind(String setting, String label) {
            this.setting = setting;
            this.label = label;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ClientLimits.class);

    private final Buckets store;
    // A bucket untouched for an hour is full again (the deepest debt, 3,000 deliveries at 1 per
    // second, is paid in 50 min): forgetting it changes nothing. Redis's are only proxies here.
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1))
            // its upkeep on the reading thread, in passing, rather than a common-pool thread woken for it
            .executor(Runnable::run)
            .build();
    private final MeterRegistry registry;
    private final Bucket warnings = Bucket.builder()
            .addLimit(limit -> limit.capacity(1).refillIntervally(1, Duration.ofSeconds(10)))
            .build();

    ClientLimits(Buckets store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** One request of the caller's, or {@link LimitExceeded}. */
    public void request(Caller caller) {
        take(caller, Kind.REQUESTS, caller.limits().requestsPerSecond(), 1);
    }

    /**
     * The route's step, within the eventId's claim: a notification's deliveries, or
     * {@link LimitExceeded} (and the claim is released). A record on notify.requests has no caller
     * and no limit.
     */
    public void deliveries(@Body ValidNotification notification, @ExchangeProperty("caller") Caller caller) {
        if (caller != null) {
            take(caller, Kind.DELIVERIES, caller.limits().deliveriesPerSecond(), deliveriesOf(notification));
        }
    }

    /**
     * What a notification counts against deliveriesPerSecond: one per user and channel (all three
     * when it names none). Known without a lookup, it counts what the notification asks for: a user
     * without an address on a channel still counts, and a user's several devices count as one push.
     */
    static long deliveriesOf(ValidNotification notification) {
        int channels = notification.channels() == null ? Channel.values().length : notification.channels().size();
        return (long) notification.userIds().size() * channels;
    }

    private void take(Caller caller, Kind kind, Limit limit, long count) {
        if (limit.unlimited()) {
            return;
        }
        long perSecond = limit.perSecond();
        long fits = Math.min(count, perSecond);
        ConsumptionProbe probe;
        try {
            // the limit is in the key: a changed limit starts with a full bucket of its own
            Bucket bucket = buckets.get(caller.clientId() + ":" + kind.label + ":" + perSecond, key -> store.create(key,
                    Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build()));
            probe = bucket.tryConsumeAndReturnRemaining(fits);
            if (probe.isConsumed() && count > fits) {
                bucket.consumeIgnoringRateLimits(count - fits);
            }
        } catch (DataAccessException | RedisException | BucketExecutionException unavailable) {
            // Redis not reached (Spring's connection), a command failed (Lettuce) or timed out (Bucket4j)
            unchecked(caller, kind, unavailable);
            return;
        }
        if (!probe.isConsumed()) {
            Counter.builder("notify.limited.requests")
                    .description("Requests refused with 429 for being over their client's limit, by client and limit")
                    .tags("client", caller.clientId(), "limit", kind.label)
                    .register(registry)
                    .increment();
            throw LimitExceeded.of(kind, perSecond, count, probe.getNanosToWaitForRefill());
        }
    }

    private void unchecked(Caller caller, Kind kind, Exception cause) {
        Counter.builder("notify.limits.unchecked")
                .description("Requests let through without their limit checked: the buckets' store could not be asked")
                .tags("limit", kind.label)
                .register(registry)
                .increment();
        if (warnings.tryConsume(1)) {
            log.warn("Could not check client {}'s {}; letting requests through unchecked (warned at most every 10 s)",
                    caller.clientId(), kind.setting, cause);
        }
    }
}

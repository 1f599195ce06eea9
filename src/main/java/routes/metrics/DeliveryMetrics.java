package routes.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.delivery.DeliveryResult;
import routes.delivery.DeliveryStatus;
import routes.delivery.Outcome;

/**
 * What became of deliveries, per channel and provider, for Prometheus: {@code notify.deliveries}
 * counts each status a delivery reaches (queued and skipped at fan-out, then sent, retrying,
 * failed, dead_lettered or expired) with its reason, {@code notify.delivery.latency} times accept
 * to the provider's answer, {@code notify.dedup.hits} counts repeated eventIds.
 */
@Component("deliveryMetrics")
public class DeliveryMetrics {

    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final Counter dedupHits;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.dedupHits = Counter.builder("notify.dedup.hits")
                .description("Requests whose eventId was already accepted (or being accepted)")
                .register(registry);
    }

    /**
     * Every delivery fan-out worked out, queued for its provider or skipped with its reason; those
     * of a notification recorded before (published again) were counted the first time.
     */
    public void fannedOut(@Body List<Delivery> deliveries,
            @ExchangeProperty("recordedBefore") Set<String> recordedBefore) {
        deliveries.stream()
                .filter(delivery -> !recordedBefore.contains(delivery.notificationId()))
                .forEach(delivery -> count(delivery, delivery.status(), delivery.reason()));
    }

    /** A worker's outcomes; each answer's latency is counted from its notification's accept. */
    public void attempted(@Body List<DeliveryResult> results) {
        for (DeliveryResult result : results) {
            Delivery delivery = result.delivery();
            Outcome outcome = result.outcome();
            count(delivery, outcome.status(), outcome.reason());
            if (delivery.acceptedAt() != null && result.answeredAt() != null) {
                Timer.builder("notify.delivery.latency")
                        .description("From the notification's accept to the provider's answer")
                        .tags("channel", delivery.channel().wire(), "provider", provider(delivery),
                                "status", wire(outcome.status()))
                        .register(registry)
                        .record(Duration.between(delivery.acceptedAt(), result.answeredAt()));
            }
        }
    }

    public void duplicate() {
        dedupHits.increment();
    }

    private void count(Delivery delivery, DeliveryStatus status, String reason) {
        Counter.builder("notify.deliveries")
                .description("Deliveries reaching each status, by channel, provider and reason")
                .tags("channel", delivery.channel().wire(), "provider", provider(delivery), "status", wire(status),
                        "reason", reason == null ? NONE : reason)
                .register(registry)
                .increment();
    }

    private static String provider(Delivery delivery) {
        return delivery.provider() == null ? NONE : delivery.provider().wire();
    }

    private static String wire(DeliveryStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}

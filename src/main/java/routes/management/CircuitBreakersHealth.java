package routes.management;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Each provider's circuit breaker in /actuator/health/circuits: closed, open or half_open, as
 * camel-resilience4j-micrometer publishes them. An open breaker shows as {@value #OPEN} without
 * turning the hub DOWN: the other providers still deliver, and its own deliveries wait for retry.
 */
@Component("circuitBreakers")
public class CircuitBreakersHealth extends AbstractHealthIndicator {

    static final String OPEN = "CIRCUIT_OPEN";

    private final MeterRegistry meters;

    public CircuitBreakersHealth(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Map<String, String> states = new TreeMap<>();
        for (Gauge gauge : meters.find("resilience4j.circuitbreaker.state").gauges()) {
            if (gauge.value() == 1.0) {
                states.put(gauge.getId().getTag("name"), gauge.getId().getTag("state"));
            }
        }
        health.status(states.containsValue("open") ? new Status(OPEN) : Status.UP).withDetails(states);
    }
}

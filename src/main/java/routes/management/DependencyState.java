package routes.management;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * What the last check of one dependency found, and since when: the time it last went from up to
 * down or back, or of its first check. Until then it is OUT_OF_SERVICE, so that a starting pod is
 * not ready before it has seen the dependency answer. Health shows only the status and since, as
 * it is open to whoever may probe; why a check failed (hosts, driver messages) goes to the log.
 */
class DependencyState implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DependencyState.class);

    private final String name;
    private final Clock clock;
    private volatile Health last = Health.outOfService().withDetail("reason", "not checked yet").build();
    private volatile Instant since;

    DependencyState(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    void record(Health checked) {
        boolean up = Status.UP.equals(checked.getStatus());
        if (since == null || up != isUp()) {
            since = clock.instant();
            if (up) {
                log.info("{} is reachable", name);
            } else {
                log.warn("{} is unreachable: {}", name, checked.getDetails());
            }
        }
        last = Health.status(up ? Status.UP : Status.DOWN).withDetail("since", since.toString()).build();
    }

    @Override
    public Health health() {
        return last;
    }

    boolean isUp() {
        return Status.UP.equals(last.getStatus());
    }

    /** Gauge values: 1 or 0, and the Unix time of the last change; NaN before the first check. */
    double up() {
        return since == null ? Double.NaN : isUp() ? 1 : 0;
    }

    double changedEpochSeconds() {
        return since == null ? Double.NaN : since.toEpochMilli() / 1000.0;
    }
}

package routes.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import routes.deferral.Deferrals;
import routes.deferral.DueRows;
import routes.schedule.ScheduledNotifications;

/**
 * What waits in the database rather than on a topic, which the consumer lag
 * ({@code notify.queue.depth}) cannot show: notifications scheduled for later (routes/schedules.yaml)
 * and deliveries held by quiet hours (routes/deferrals.yaml). Two gauges per kind ({@code scheduled},
 * {@code deferred}): {@code notify.held} (rows waiting) and {@code notify.held.overdue} (seconds the
 * oldest due row has waited past its due time, by the releases' clock, 0 while none is due): a
 * release falling behind shows there first. Both read the shared database, so every instance
 * reports the whole of it.
 */
@Component("heldRows")
public class HeldRows {

    private static final Logger log = LoggerFactory.getLogger(HeldRows.class);

    private final Map<String, DueRows> held = new LinkedHashMap<>();
    private final Clock clock;
    private final MultiGauge waiting;
    private final MultiGauge overdue;

    public HeldRows(ScheduledNotifications scheduled, Deferrals deferred, Clock clock, MeterRegistry registry) {
        held.put("scheduled", scheduled.held());
        held.put("deferred", deferred.held());
        this.clock = clock;
        this.waiting = MultiGauge.builder("notify.held")
                .description("Scheduled notifications and quiet-hours deliveries waiting in the database, per kind")
                .baseUnit("rows")
                .register(registry);
        this.overdue = MultiGauge.builder("notify.held.overdue")
                .description("How long the oldest due scheduled notification or deferred delivery has waited past its due time")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Reads both tables again; while the database cannot be asked, the gauges have no rows rather than old ones. */
    public void refresh() {
        List<MultiGauge.Row<?>> waitingRows = new ArrayList<>();
        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        Instant now = clock.instant();
        try {
            held.forEach((kind, rows) -> {
                Tags tags = Tags.of("kind", kind);
                waitingRows.add(MultiGauge.Row.of(tags, rows.waiting()));
                overdueRows.add(MultiGauge.Row.of(tags, rows.oldestDue(now)
                        .map(due -> Duration.between(due, now).toMillis() / 1000.0).orElse(0.0)));
            });
        } catch (DataAccessException unreachable) {
            log.warn("Held rows not measured, the database did not answer: {}", unreachable.toString());
            waitingRows.clear();
            overdueRows.clear();
        }
        waiting.register(waitingRows, true);
        overdue.register(overdueRows, true);
    }
}

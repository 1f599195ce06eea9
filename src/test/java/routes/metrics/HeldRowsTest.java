package routes.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.deferral.DeferralSettings;
import routes.deferral.Deferrals;
import routes.schedule.ScheduleSettings;
import routes.schedule.ScheduledNotifications;

/** The held-rows gauges read from the hub's own schema on H2, as the embedded default has it. */
class HeldRowsTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The releases' clock, which the gauges read too. */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final JdbcClient db;
    private final HeldRows held;

    HeldRowsTest() {
        dataSource.setURL("jdbc:h2:mem:held-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
                .load().migrate();
        db = JdbcClient.create(dataSource);
        var json = JsonMapper.builder().findAndAddModules().build();
        var jdbc = new JdbcTemplate(dataSource);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        held = new HeldRows(new ScheduledNotifications(db, jdbc, json, clock, new ScheduleSettings(500)),
                new Deferrals(db, jdbc, json, clock, new DeferralSettings(500)), clock, registry);
    }

    private void schedule(Duration dueIn) {
        db.sql("insert into scheduled_notification (notification_id, event_id, due_at, record) values (?, ?, ?, '{}')")
                .params(UUID.randomUUID().toString(), "evt", now.plus(dueIn).atOffset(ZoneOffset.UTC)).update();
    }

    private void defer(Duration dueIn) {
        db.sql("insert into deferred_delivery (delivery_id, provider, user_id, due_at, record) values (?, 'apns', 'u', ?, '{}')")
                .params(UUID.randomUUID().toString(), now.plus(dueIn).atOffset(ZoneOffset.UTC)).update();
    }

    private Double gauge(String name, String kind) {
        var gauge = registry.find(name).tag("kind", kind).gauge();
        return gauge == null ? null : gauge.value();
    }

    @Test
    void countsWhatWaitsAndHowLongTheOldestDueOneIsOverdue() {
        schedule(Duration.ofHours(2));
        schedule(Duration.ofSeconds(-90));
        schedule(Duration.ofSeconds(-30));
        defer(Duration.ofHours(8));

        held.refresh();

        assertThat(gauge("notify.held", "scheduled")).isEqualTo(3);
        assertThat(gauge("notify.held", "deferred")).isEqualTo(1);
        assertThat(gauge("notify.held.overdue", "scheduled")).isEqualTo(90.0);
        assertThat(gauge("notify.held.overdue", "deferred")).isZero();
    }

    @Test
    void nothingHeldReadsAsZeroes() {
        held.refresh();

        assertThat(gauge("notify.held", "scheduled")).isZero();
        assertThat(gauge("notify.held.overdue", "deferred")).isZero();
    }

    @Test
    void aDatabaseThatCannotBeAskedLeavesNoOldFigures() {
        defer(Duration.ofSeconds(-5));
        held.refresh();
        assertThat(gauge("notify.held", "deferred")).isEqualTo(1);

        db.sql("drop table deferred_delivery").update();
        held.refresh();

        assertThat(gauge("notify.held", "deferred")).isNull();
        assertThat(gauge("notify.held.overdue", "scheduled")).isNull();
    }
}

package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.delivery.OnePushNotifications.accepted;
import static routes.delivery.OnePushNotifications.loggedIds;
import static routes.delivery.OnePushNotifications.toPhone;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import routes.notification.AcceptedNotification;
import routes.support.LocalPostgres;

/**
 * On PostgreSQL a notification's deliveries are found through notification_id in the day
 * partitions from its own on, whichever instance's clock stamped them: production's schema on a
 * PostgreSQL server of the test's own.
 */
@Tag("hub") // a PostgreSQL server of its own: left out of the fast tests
class DeliveriesOfOnPostgresTest {

    private static LocalPostgres postgres;
    private static JdbcClient db;
    private static DeliveryLog log;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = LocalPostgres.start();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), "postgres", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load().migrate();
        db = JdbcClient.create(dataSource);
        log = new DeliveryLog(db, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                JsonMapper.builder().findAndAddModules().build(), dataSource);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aClientsRetryAcceptedLaterKeepsTheDeliveryIdsItsFirstFanOutLogged() {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AcceptedNotification notification = accepted("pg-order-1", first);
        Delivery logged = toPhone(notification);
        log.recordFanOut(List.of(notification), List.of(logged));

        LoggedFanOut retry = log.recordFanOut(List.of(accepted("pg-order-1", first.plusSeconds(90))),
                List.of(toPhone(accepted("pg-order-1", first.plusSeconds(90)))));

        assertThat(retry.recordedBefore()).containsExactly(notification.notificationId());
        assertThat(retry.deliveries()).extracting(Delivery::deliveryId).containsExactly(logged.deliveryId());
        assertThat(loggedIds(log, db, notification.notificationId(), first)).containsExactly(logged.deliveryId());
    }

    /** Accepted by an instance whose clock is ahead of the worker's that logged its deliveries. */
    @Test
    void deliveriesLoggedByAnInstanceWhoseClockIsBehindAreFound() {
        Instant ahead = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        AcceptedNotification notification = accepted("pg-order-2", ahead);
        Delivery delivery = toPhone(notification);
        log.recordFanOut(List.of(notification), List.of(delivery));

        assertThat(loggedIds(log, db, notification.notificationId(), ahead)).containsExactly(delivery.deliveryId());
    }
}

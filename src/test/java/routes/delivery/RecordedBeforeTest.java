package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.delivery.OnePushNotifications.accepted;
import static routes.delivery.OnePushNotifications.loggedIds;
import static routes.delivery.OnePushNotifications.toPhone;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.notification.AcceptedNotification;

/**
 * A notification that reaches fan-out again keeps the delivery ids it was logged with, whichever
 * moment its new record carries, and readers find its deliveries from its recorded created_at: on
 * an in-memory H2 database in the hub's mode with the hub's migrations.
 */
class RecordedBeforeTest {

    private static final Instant FIRST = Instant.parse("2026-12-07T10:15:30.123456Z");

    private final InMemoryDeliveryLog h2 = new InMemoryDeliveryLog();
    private final JdbcClient db = h2.db;
    private final DeliveryLog log = h2.log;

    RecordedBeforeTest() throws SQLException {
        h2.migrate("latest");
    }

    @Test
    void aClientsRetryAcceptedLaterKeepsTheDeliveryIdsItsFirstFanOutLogged() {
        AcceptedNotification first = accepted("order-1", FIRST);
        Delivery logged = toPhone(first);
        assertThat(log.recordFanOut(List.of(first), List.of(logged)).recordedBefore()).isEmpty();

        AcceptedNotification retry = accepted("order-1", FIRST.plusSeconds(90));
        Delivery again = toPhone(retry);
        assertThat(again.deliveryId()).isNotEqualTo(logged.deliveryId());
        LoggedFanOut second = log.recordFanOut(List.of(retry), List.of(again));

        assertThat(second.recordedBefore()).containsExactly(first.notificationId());
        assertThat(second.deliveries()).extracting(Delivery::deliveryId).containsExactly(logged.deliveryId());
        assertThat(loggedIds(log, db, first.notificationId(), FIRST)).containsExactly(logged.deliveryId());
    }

    @Test
    void deliveriesLoggedBeforeIdsWereTimeOrderedAreFoundAndKeepTheirIds() {
        AcceptedNotification notification = accepted("order-2", FIRST);
        Delivery delivery = toPhone(notification);
        Delivery earlier = delivery.loggedAs(delivery.idBeforeTimeOrder());
        log.recordFanOut(List.of(notification), List.of(earlier));
        assertThat(loggedIds(log, db, notification.notificationId(), FIRST)).containsExactly(earlier.deliveryId());

        LoggedFanOut readAgain = log.recordFanOut(List.of(notification), List.of(delivery));

        assertThat(readAgain.recordedBefore()).containsExactly(notification.notificationId());
        assertThat(readAgain.deliveries()).extracting(Delivery::deliveryId).containsExactly(earlier.deliveryId());
        assertThat(loggedIds(log, db, notification.notificationId(), FIRST)).containsExactly(earlier.deliveryId());
    }

    @Test
    void aNotificationsDeliveriesAreNotAnotherOnesAcceptedInTheSameMillisecond() {
        AcceptedNotification one = accepted("order-3", FIRST);
        AcceptedNotification other = accepted("order-4", FIRST);
        log.recordFanOut(List.of(one, other), List.of(toPhone(one), toPhone(other)));

        assertThat(loggedIds(log, db, one.notificationId(), FIRST)).containsExactly(toPhone(one).deliveryId());
        assertThat(loggedIds(log, db, other.notificationId(), FIRST)).containsExactly(toPhone(other).deliveryId());
    }
}

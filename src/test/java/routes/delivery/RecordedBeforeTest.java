package routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.delivery.DeliveryLog.CURRENT;
import static routes.delivery.DeliveryLog.OF_NOTIFICATION;
import static routes.delivery.DeliveryLog.ofNotification;

import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.notification.AcceptedNotification;
import routes.notification.Priority;
import routes.notification.ValidNotification;
import routes.user.Platform;
import routes.user.Recipient;

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

    private static AcceptedNotification accepted(String eventId, Instant at) {
        return new AcceptedNotification(ValidNotification.idOf(eventId), eventId, List.of("u-1"), null,
                EnumSet.of(Channel.PUSH), "hi", "body", null, Priority.HIGH, null, null, false, null, at, null);
    }

    private static Delivery toPhone(AcceptedNotification notification) {
        return Delivery.toDevice(notification, "u-1", new Recipient.Device("d-1", Platform.IOS, "token-1"));
    }

    private List<String> loggedIds(String notificationId) {
        return db.sql("select d.delivery_id from " + CURRENT + " where " + OF_NOTIFICATION)
                .params(ofNotification(notificationId, FIRST))
                .query(String.class)
                .list();
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
        assertThat(loggedIds(first.notificationId())).containsExactly(logged.deliveryId());
    }

    @Test
    void deliveriesLoggedBeforeIdsWereTimeOrderedAreFoundAndKeepTheirIds() {
        AcceptedNotification notification = accepted("order-2", FIRST);
        Delivery delivery = toPhone(notification);
        Delivery earlier = delivery.loggedAs(delivery.idBeforeTimeOrder());
        log.recordFanOut(List.of(notification), List.of(earlier));
        assertThat(loggedIds(notification.notificationId())).containsExactly(earlier.deliveryId());

        LoggedFanOut readAgain = log.recordFanOut(List.of(notification), List.of(delivery));

        assertThat(readAgain.recordedBefore()).containsExactly(notification.notificationId());
        assertThat(readAgain.deliveries()).extracting(Delivery::deliveryId).containsExactly(earlier.deliveryId());
        assertThat(loggedIds(notification.notificationId())).containsExactly(earlier.deliveryId());
    }

    @Test
    void aNotificationsDeliveriesAreNotAnotherOnesAcceptedInTheSameMillisecond() {
        AcceptedNotification one = accepted("order-3", FIRST);
        AcceptedNotification other = accepted("order-4", FIRST);
        log.recordFanOut(List.of(one, other), List.of(toPhone(one), toPhone(other)));

        assertThat(loggedIds(one.notificationId())).containsExactly(toPhone(one).deliveryId());
        assertThat(loggedIds(other.notificationId())).containsExactly(toPhone(other).deliveryId());
    }
}

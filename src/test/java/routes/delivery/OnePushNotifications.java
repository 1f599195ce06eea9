package routes.delivery;

import static routes.delivery.DeliveryLog.CURRENT;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import routes.notification.AcceptedNotification;
import routes.notification.Priority;
import routes.notification.ValidNotification;
import routes.user.Platform;
import routes.user.Recipient;

/** Notifications to one user with one iOS device, and what the delivery log's readers find of them. */
final class OnePushNotifications {

    private OnePushNotifications() {}

    static AcceptedNotification accepted(String eventId, Instant at) {
        return new AcceptedNotification(ValidNotification.idOf(eventId), eventId, List.of("u-1"), null,
                EnumSet.of(Channel.PUSH), "hi", "body", null, Priority.HIGH, null, null, false, null, at, null);
    }

    static Delivery toPhone(AcceptedNotification notification) {
        return Delivery.toDevice(notification, "u-1", new Recipient.Device("d-1", Platform.IOS, "token-1"));
    }

    /** The delivery ids the status API reads for the notification recorded at {@code recordedAt}. */
    static List<String> loggedIds(DeliveryLog log, JdbcClient db, String notificationId, Instant recordedAt) {
        DeliveryLog.Where of = log.deliveriesOf(notificationId, recordedAt);
        return db.sql("select d.delivery_id from " + CURRENT + " where " + of.condition())
                .params(of.parameters())
                .query(String.class)
                .list();
    }
}

package routes.cancel;

import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.delivery.DeliveryLog;
import routes.delivery.Outcome;
import routes.notification.AcceptedNotification;

/**
 * The notifications canceled within {@code notify.retention-days}, in memory, so that fan-out and
 * the workers drop what is still on its way for them without a read per batch. Read from the
 * database at startup, again on every cancellation announced on {@code notify.cache-invalidations}
 * (route {@code cache-invalidation}) and every few seconds (route {@code canceled-notifications}),
 * which also catches an announcement this instance missed while it started.
 */
@Component("canceledNotifications")
public class CanceledNotifications {

    private static final Logger log = LoggerFactory.getLogger(CanceledNotifications.class);

    private final JdbcClient db;
    private final DeliveryLog deliveryLog;
    private volatile Set<String> canceled;

    public CanceledNotifications(JdbcClient db, DeliveryLog deliveryLog) {
        this.db = db;
        this.deliveryLog = deliveryLog;
        this.canceled = read();
    }

    public void reload() {
        canceled = read();
    }

    public boolean contains(String notificationId) {
        return canceled.contains(notificationId);
    }

    /** Fan-out's batch without the canceled notifications: they are neither recorded nor sent. */
    public List<AcceptedNotification> notifications(@Body List<AcceptedNotification> notifications) {
        if (canceled.isEmpty()) {
            return notifications;
        }
        List<AcceptedNotification> kept = notifications.stream()
                .filter(notification -> !canceled.contains(notification.notificationId()))
                .toList();
        if (kept.size() < notifications.size()) {
            log.info("Left out {} canceled notifications", notifications.size() - kept.size());
        }
        return kept;
    }

    /**
     * A worker's batch without the deliveries of canceled notifications, which are logged CANCELED
     * (the cancellation logged them so already, unless one was attempted meanwhile and came back
     * to be tried again).
     */
    public List<Delivery> deliveries(@Body List<Delivery> deliveries) {
        if (canceled.isEmpty()) {
            return deliveries;
        }
        List<Delivery> kept = deliveries.stream().filter(delivery -> !canceled.contains(delivery.notificationId())).toList();
        if (kept.size() < deliveries.size()) {
            List<Outcome> dropped = deliveries.stream()
                    .filter(delivery -> canceled.contains(delivery.notificationId()))
                    .map(delivery -> Outcome.canceled(delivery.deliveryId()))
                    .toList();
            deliveryLog.recordOutcomes(dropped);
            log.info("Dropped {} deliveries of canceled notifications", dropped.size());
        }
        return kept;
    }

    private Set<String> read() {
        return Set.copyOf(db.sql("select notification_id from notification_cancel").query(String.class).list());
    }
}

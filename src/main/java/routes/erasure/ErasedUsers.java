package routes.erasure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.delivery.Delivery;
import routes.notification.AcceptedNotification;
import routes.user.Recipients;

/**
 * The users erased within {@code notify.retention-days} and when, in memory, so that fan-out and
 * the workers drop what was accepted for them before their erasure and still travels on the topics,
 * without a read per batch. Read from the database at startup, again on every erasure announced on
 * {@code notify.cache-invalidations} (route {@code cache-invalidation}) and every few seconds (route
 * {@code erased-users}), which also catches an announcement this instance missed while it started.
 * A user erased and then created again receives what was accepted after the erasure.
 */
@Component("erasedUsers")
public class ErasedUsers {

    private static final Logger log = LoggerFactory.getLogger(ErasedUsers.class);

    private final JdbcClient db;
    private final Recipients recipients;
    private volatile Map<String, Instant> erasedAt;

    public ErasedUsers(JdbcClient db, Recipients recipients) {
        this.db = db;
        this.recipients = recipients;
        this.erasedAt = read();
    }

    /** Reads the erased users again; one this instance had not heard of loses its cached recipient. */
    public void reload() {
        Map<String, Instant> before = erasedAt;
        erasedAt = read();
        erasedAt.forEach((userId, at) -> {
            if (!at.equals(before.get(userId))) {
                recipients.evict(userId);
            }
        });
    }

    /** Fan-out's batch without the users erased since each notification was accepted; one left to no one goes. */
    public List<AcceptedNotification> notifications(@Body List<AcceptedNotification> notifications) {
        if (erasedAt.isEmpty()) {
            return notifications;
        }
        List<AcceptedNotification> kept = new ArrayList<>(notifications.size());
        for (AcceptedNotification notification : notifications) {
            List<String> users = notification.userIds().stream()
                    .filter(userId -> !erasedSince(userId, notification.acceptedAt()))
                    .toList();
            if (users.size() < notification.userIds().size()) {
                log.info("Notification {} was accepted before {} of its users were erased: left out",
                        notification.notificationId(), notification.userIds().size() - users.size());
            }
            if (!users.isEmpty()) {
                kept.add(users.size() == notification.userIds().size() ? notification : notification.to(users));
            }
        }
        return kept;
    }

    /** A worker's batch without the deliveries to users erased since their notification was accepted. */
    public List<Delivery> deliveries(@Body List<Delivery> deliveries) {
        if (erasedAt.isEmpty()) {
            return deliveries;
        }
        List<Delivery> kept = deliveries.stream()
                .filter(delivery -> !erasedSince(delivery.userId(), delivery.acceptedAt()))
                .toList();
        if (kept.size() < deliveries.size()) {
            log.info("Dropped {} deliveries accepted before their users were erased", deliveries.size() - kept.size());
        }
        return kept;
    }

    private boolean erasedSince(String userId, Instant acceptedAt) {
        Instant erased = erasedAt.get(userId);
        return erased != null && (acceptedAt == null || !acceptedAt.isAfter(erased));
    }

    private Map<String, Instant> read() {
        return db.sql("select user_id, erased_at from user_erasure")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list()
                .stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

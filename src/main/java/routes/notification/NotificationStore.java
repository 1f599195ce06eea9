package routes.notification;

import static routes.delivery.DeliveryLog.CURRENT;
import static routes.delivery.DeliveryLog.current;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Header;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.api.ApiProblem;
import routes.dedup.LeasedIdempotentRepository;
import routes.template.TemplateUse;
import routes.delivery.DeliveryLog;
import routes.delivery.DeliveryStatus;
import routes.user.Contacts;

/**
 * The status API's reading of the notification table (which fan-out writes, routes.delivery.DeliveryLog)
 * and of each notification's deliveries, each as its current state (its outcome if a worker recorded one);
 * of the scheduled notifications not yet fanned out (routes/schedules.yaml), and of the canceled ones
 * (routes/cancellation.yaml).
 */
@Component("notifications")
public class NotificationStore {

    private static final String COLUMNS = "notification_id, event_id, user_ids, category, channels, title, body, data, "
            + "priority, ttl_seconds, collapse_key, background, created_at, template_id, template_version, params, "
            + "send_at";

    private final JdbcClient db;
    private final DeliveryLog deliveryLog;
    private final ObjectMapper json;
    private final LeasedIdempotentRepository dedup;

    public NotificationStore(JdbcClient db, DeliveryLog deliveryLog, ObjectMapper json,
            LeasedIdempotentRepository dedup) {
        this.db = db;
        this.deliveryLog = deliveryLog;
        this.json = json;
        this.dedup = dedup;
    }

    /**
     * The notification with its status, a count per delivery status, and (unless the caller asks
     * for {@code ?deliveries=false}, as for a notification to a thousand users) one row per delivery.
     */
    public NotificationView view(@Header("notificationId") String notificationId,
            @Header("deliveries") String withDeliveries) {
        var notification = db.sql("select " + COLUMNS + " from notification where notification_id = ?")
                .param(notificationId)
                .query((rs, i) -> new NotificationView(rs.getString(1), rs.getString(2), null,
                        readList(rs.getString(3)), rs.getString(4), readList(rs.getString(5)), rs.getString(6),
                        rs.getString(7), readMap(rs.getString(8)), rs.getString(9),
                        (Integer) rs.getObject(10), rs.getString(11), rs.getBoolean(12),
                        rs.getString(14) == null ? null : new TemplateUse(rs.getString(14), rs.getInt(15),
                                read(rs.getString(16), new TypeReference<>() {})),
                        rs.getObject(13, OffsetDateTime.class), rs.getObject(17, OffsetDateTime.class), null,
                        List.of()))
                .optional();
        Optional<String> canceledEventId = db.sql("select event_id from notification_cancel where notification_id = ?")
                .param(notificationId)
                .query(String.class)
                .optional();
        if (notification.isPresent()) {
            return withDeliveries(notification.get(), withDeliveries, canceledEventId.isPresent());
        }
        if (canceledEventId.isPresent()) {
            return NotificationView.canceled(notificationId, canceledEventId.get());
        }
        Optional<AcceptedNotification> scheduled = db.sql("select record from scheduled_notification where notification_id = ?")
                .param(notificationId)
                .query(String.class)
                .optional()
                .map(record -> read(record, new TypeReference<AcceptedNotification>() {}));
        if (scheduled.isPresent()) {
            return NotificationView.scheduled(scheduled.get());
        }
        // Accepted (durable on notify.accepted) but not yet recorded by fan-out: never a 404 after a 202.
        if (dedup.isConfirmed(notificationId)) {
            return NotificationView.accepted(notificationId);
        }
        throw ApiProblem.notFound("No notification '" + notificationId + "'");
    }

    private NotificationView withDeliveries(NotificationView notification, String withDeliveries, boolean canceled) {
        String notificationId = notification.notificationId();
        DeliveryLog.Where of = deliveryLog.deliveriesOf(notificationId, notification.createdAt().toInstant());
        if ("false".equals(withDeliveries)) {
            Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
            db.sql("select " + current("status") + ", count(*) from " + CURRENT + " where " + of.condition()
                            + " group by " + current("status"))
                    .params(of.parameters())
                    .query((rs, i) -> counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                    .list();
            return notification.withDeliveries(canceled ? NotificationView.CANCELED : NotificationView.statusOf(counts),
                    counts, null);
        }
        List<NotificationView.DeliveryRow> deliveries = db.sql("select d.delivery_id, d.user_id, d.channel, "
                        + "d.provider, d.recipient, " + current("status") + ", " + current("reason") + ", "
                        + current("attempts") + ", " + current("last_error") + ", " + current("provider_message_id")
                        + ", " + current("updated_at") + ", o.next_attempt_at, d.not_before, d.locale from " + CURRENT
                        + " where " + of.condition()
                        + " order by d.user_id, d.channel, d.created_at")
                .params(of.parameters())
                .query((rs, i) -> new NotificationView.DeliveryRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Contacts.mask(rs.getString(5)), DeliveryStatus.valueOf(rs.getString(6)),
                        rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class),
                        rs.getObject(13, OffsetDateTime.class), rs.getString(14)))
                .list();
        Map<DeliveryStatus, Long> counts = deliveries.stream().collect(Collectors.groupingBy(
                NotificationView.DeliveryRow::status, () -> new EnumMap<>(DeliveryStatus.class), Collectors.counting()));
        return notification.withDeliveries(canceled ? NotificationView.CANCELED : NotificationView.statusOf(counts),
                counts, deliveries);
    }

    private List<String> readList(String text) {
        return text == null ? null : read(text, new TypeReference<>() {});
    }

    private Map<String, String> readMap(String text) {
        return text == null ? null : read(text, new TypeReference<>() {});
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored notification column is not JSON: " + text, e);
        }
    }
}

package routes.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import routes.api.ApiProblem;
import routes.dedup.ConfirmedClaims;
import routes.delivery.Channel;
import routes.delivery.DeliveryStatus;
import routes.user.Contacts;

/** The notification table: written once at intake, read back with its deliveries. */
@Component("notifications")
public class NotificationStore implements ConfirmedClaims {

    private static final Logger log = LoggerFactory.getLogger(NotificationStore.class);

    private static final String COLUMNS = "notification_id, event_id, user_ids, category, channels, title, body, data, "
            + "priority, ttl_seconds, collapse_key, background, created_at";

    private final JdbcClient db;
    private final ObjectMapper json;
    private final Duration dedupWindow;
    private final GroupedConfirmations confirmations;

    public NotificationStore(JdbcClient db, ObjectMapper json, @Value("${notify.dedup-ttl}") Duration dedupWindow) {
        this.db = db;
        this.json = json;
        this.dedupWindow = dedupWindow;
        this.confirmations = new GroupedConfirmations(db);
    }

    /**
     * Gives the notification its id and stores it; intake publishes it only after this succeeded.
     * Intake calls this holding the eventId's claim, so a row already recorded for the eventId
     * within the dedup window is one whose acceptance never finished: its acceptor died or failed
     * between recording it and confirming the claim, perhaps after publishing it. The client's
     * retry then adopts that notification (its id, its content) and publishes it again, which is
     * safe because fan-out and the workers are idempotent per delivery; a new notification would
     * reach the user a second time whenever the first publish had gone through.
     */
    public AcceptedNotification record(ValidNotification request) throws JsonProcessingException {
        var unfinished = unfinishedFor(request.eventId());
        if (unfinished.isPresent()) {
            log.info("eventId {}: adopting notification {}, whose acceptance did not finish",
                    request.eventId(), unfinished.get().notificationId());
            return unfinished.get();
        }
        var accepted = new AcceptedNotification(UUID.randomUUID().toString(), request.eventId(), request.userIds(),
                request.category(), request.channels(), request.title(), request.body(), request.data(),
                request.priority(), request.ttlSeconds(), request.collapseKey(), request.background(), Instant.now());
        db.sql("insert into notification (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(accepted.notificationId(), accepted.eventId(), json.writeValueAsString(accepted.userIds()),
                        accepted.category(), json.writeValueAsString(accepted.channels()), accepted.title(),
                        accepted.body(), json.writeValueAsString(accepted.data()), accepted.priority().wire(),
                        accepted.ttlSeconds(), accepted.collapseKey(), accepted.background(), utc(accepted.acceptedAt()))
                .update();
        return accepted;
    }

    private Optional<AcceptedNotification> unfinishedFor(String eventId) {
        return db.sql("select " + COLUMNS + " from notification where event_id = ? and not claim_confirmed "
                        + "and created_at > ? order by created_at desc limit 1")
                .param(eventId)
                .param(OffsetDateTime.now(ZoneOffset.UTC).minus(dedupWindow))
                .query((rs, i) -> new AcceptedNotification(rs.getString(1), rs.getString(2),
                        readList(rs.getString(3)), rs.getString(4),
                        read(rs.getString(5), new TypeReference<Set<Channel>>() {}), rs.getString(6),
                        rs.getString(7), readMap(rs.getString(8)), json.convertValue(rs.getString(9), Priority.class),
                        (Integer) rs.getObject(10), rs.getString(11), rs.getBoolean(12),
                        rs.getObject(13, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Whether a notification with this eventId was recorded and published within the last {@code window}. */
    @Override
    public boolean confirmedWithin(String eventId, Duration window) {
        return db.sql("select count(*) from notification where event_id = ? and claim_confirmed and created_at > ?")
                .param(eventId)
                .param(OffsetDateTime.now(ZoneOffset.UTC).minus(window))
                .query(Integer.class)
                .single() > 0;
    }

    @Override
    public void confirm(String eventId) {
        confirmations.confirm(eventId);
    }

    Optional<String> newestForEvent(String eventId) {
        return db.sql("select notification_id from notification where event_id = ? order by created_at desc limit 1")
                .param(eventId)
                .query(String.class)
                .optional();
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
                        rs.getObject(13, OffsetDateTime.class), null, List.of()))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("No notification '" + notificationId + "'"));
        if ("false".equals(withDeliveries)) {
            Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
            db.sql("select status, count(*) from delivery where notification_id = ? group by status")
                    .param(notificationId)
                    .query((rs, i) -> counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                    .list();
            return notification.withDeliveries(NotificationView.statusOf(counts), counts, null);
        }
        List<NotificationView.DeliveryRow> deliveries = db.sql("select delivery_id, user_id, channel, provider, "
                        + "recipient, status, reason, attempts, last_error, provider_message_id, updated_at "
                        + "from delivery where notification_id = ? order by user_id, channel, created_at")
                .param(notificationId)
                .query((rs, i) -> new NotificationView.DeliveryRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Contacts.mask(rs.getString(5)), DeliveryStatus.valueOf(rs.getString(6)),
                        rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class)))
                .list();
        Map<DeliveryStatus, Long> counts = deliveries.stream().collect(Collectors.groupingBy(
                NotificationView.DeliveryRow::status, () -> new EnumMap<>(DeliveryStatus.class), Collectors.counting()));
        return notification.withDeliveries(NotificationView.statusOf(counts), counts, deliveries);
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

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

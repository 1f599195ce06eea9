package routes.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import routes.delivery.Channel;
import routes.delivery.DeliveryStatus;
import routes.template.TemplateUse;

/**
 * What {@code GET /notifications/{id}} shows. The overall status is derived from the deliveries on
 * every read, so there is no second copy of the truth to keep in step; SCHEDULED while the
 * notification waits for its {@code sendAt}, CANCELED once it was canceled. A notification worded
 * by a template shows the template, the version it was accepted with and its params instead of a
 * title and body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String notificationId, String eventId, String status, List<String> userIds,
        String category, List<String> channels, String title, String body, Map<String, String> data,
        String priority, Integer ttlSeconds, String collapseKey, boolean background, TemplateUse template,
        OffsetDateTime createdAt, OffsetDateTime sendAt, Map<DeliveryStatus, Long> summary,
        List<DeliveryRow> deliveries) {

    /**
     * {@code nextAttemptAt}: when a RETRYING delivery is tried again; {@code notBefore}: when a
     * DEFERRED one is sent (the end of the user's quiet hours), kept once it was; {@code locale}: a
     * template's, as rendered.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryRow(String deliveryId, String userId, String channel, String provider, String recipient,
            DeliveryStatus status, String reason, int attempts, String lastError, String providerMessageId,
            OffsetDateTime updatedAt, OffsetDateTime nextAttemptAt, OffsetDateTime notBefore, String locale) {}

    static final String CANCELED = "CANCELED";

    /** A notification accepted but not yet recorded by fan-out: its id and status only. */
    static NotificationView accepted(String notificationId) {
        return new NotificationView(notificationId, null, "ACCEPTED", null, null, null, null, null, null, null, null,
                null, false, null, null, null, Map.of(), List.of());
    }

    /** A notification waiting for its sendAt (routes/schedules.yaml): as accepted, no delivery yet. */
    static NotificationView scheduled(AcceptedNotification notification) {
        return new NotificationView(notification.notificationId(), notification.eventId(), "SCHEDULED",
                notification.userIds(), notification.category(),
                notification.channels() == null ? null : notification.channels().stream().map(Channel::wire).toList(),
                notification.title(), notification.body(), notification.data(),
                notification.priority() == null ? null : notification.priority().wire(), notification.ttlSeconds(),
                notification.collapseKey(), notification.background(), notification.template(),
                utc(notification.acceptedAt()), utc(notification.sendAt()), Map.of(), List.of());
    }

    /** A notification canceled before fan-out recorded it (a scheduled one): its ids and status only. */
    static NotificationView canceled(String notificationId, String eventId) {
        return new NotificationView(notificationId, eventId, CANCELED, null, null, null, null, null, null, null, null,
                null, false, null, null, null, Map.of(), List.of());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    NotificationView withDeliveries(String status, Map<DeliveryStatus, Long> summary, List<DeliveryRow> deliveries) {
        return new NotificationView(notificationId, eventId, status, userIds, category, channels, title, body, data,
                priority, ttlSeconds, collapseKey, background, template, createdAt, sendAt, summary, deliveries);
    }

    /**
     * ACCEPTED until fan-out logs deliveries; IN_PROGRESS while any is still on its way (DEFERRED
     * included); then
     * DELIVERED, PARTIALLY_DELIVERED or FAILED; SKIPPED when no delivery was allowed or possible.
     */
    static String statusOf(Map<DeliveryStatus, Long> counts) {
        if (counts.isEmpty()) {
            return "ACCEPTED";
        }
        if (counts.keySet().stream().anyMatch(DeliveryStatus::isPending)) {
            return "IN_PROGRESS";
        }
        long sent = counts.getOrDefault(DeliveryStatus.SENT, 0L);
        long skipped = counts.getOrDefault(DeliveryStatus.SKIPPED, 0L);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (skipped == total) {
            return "SKIPPED";
        }
        if (sent + skipped == total) {
            return "DELIVERED";
        }
        return sent > 0 ? "PARTIALLY_DELIVERED" : "FAILED";
    }
}

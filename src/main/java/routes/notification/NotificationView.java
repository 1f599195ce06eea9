package routes.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import routes.delivery.DeliveryStatus;
import routes.template.TemplateUse;

/**
 * What {@code GET /notifications/{id}} shows. The overall status is derived from the deliveries on
 * every read, so there is no second copy of the truth to keep in step. A notification worded by a
 * template shows the template, the version it was accepted with and its params instead of a title and body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String notificationId, String eventId, String status, List<String> userIds,
        String category, List<String> channels, String title, String body, Map<String, String> data,
        String priority, Integer ttlSeconds, String collapseKey, boolean background, TemplateUse template,
        OffsetDateTime createdAt, Map<DeliveryStatus, Long> summary, List<DeliveryRow> deliveries) {

    /**
     * {@code nextAttemptAt}: when a RETRYING delivery is tried again; {@code notBefore}: when a
     * DEFERRED one is sent (the end of the user's quiet hours), kept once it was; {@code locale}: a
     * template's, as rendered.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryRow(String deliveryId, String userId, String channel, String provider, String recipient,
            DeliveryStatus status, String reason, int attempts, String lastError, String providerMessageId,
            OffsetDateTime updatedAt, OffsetDateTime nextAttemptAt, OffsetDateTime notBefore, String locale) {}

    /** A notification accepted but not yet recorded by fan-out: its id and status only. */
    static NotificationView accepted(String notificationId) {
        return new NotificationView(notificationId, null, "ACCEPTED", null, null, null, null, null, null, null, null,
                null, false, null, null, Map.of(), List.of());
    }

    NotificationView withDeliveries(String status, Map<DeliveryStatus, Long> summary, List<DeliveryRow> deliveries) {
        return new NotificationView(notificationId, eventId, status, userIds, category, channels, title, body, data,
                priority, ttlSeconds, collapseKey, background, template, createdAt, summary, deliveries);
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
        if (counts.containsKey(DeliveryStatus.QUEUED) || counts.containsKey(DeliveryStatus.RETRYING)
                || counts.containsKey(DeliveryStatus.DEFERRED)) {
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

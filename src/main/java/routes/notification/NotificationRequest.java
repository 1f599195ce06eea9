package routes.notification;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /notifications} and of a record on {@code notify.requests}, as sent: its
 * wording either as {@code title} and {@code body} or as a {@code template} and its {@code params}.
 * {@code sendAt} is read as text, so that one that is not an instant is named like any other field.
 */
public record NotificationRequest(String eventId, String userId, List<String> userIds, String category,
        List<String> channels, String title, String body, Map<String, Object> data, String priority,
        Integer ttlSeconds, String collapseKey, Boolean background, String template, Map<String, Object> params,
        String sendAt) {}

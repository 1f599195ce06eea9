package routes.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import routes.delivery.Channel;

/**
 * A request that passed validation, normalised (one list of users, defaults filled in). Its
 * notificationId follows from its eventId: a client's retry of an eventId gets the same id without
 * anything being looked up, and every copy of it that reaches fan-out is recorded once.
 */
public record ValidNotification(String notificationId, String eventId, List<String> userIds, String category,
        Set<Channel> channels, String title, String body, Map<String, String> data, Priority priority,
        Integer ttlSeconds, String collapseKey, boolean background) {

    public ValidNotification(String eventId, List<String> userIds, String category, Set<Channel> channels,
            String title, String body, Map<String, String> data, Priority priority, Integer ttlSeconds,
            String collapseKey, boolean background) {
        this(idOf(eventId), eventId, userIds, category, channels, title, body, data, priority, ttlSeconds,
                collapseKey, background);
    }

    /** The notificationId an eventId names (a name-based UUID: the same eventId, the same id). */
    public static String idOf(String eventId) {
        return UUID.nameUUIDFromBytes(("notification\n" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package routes.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import routes.delivery.Channel;
import routes.template.TemplateUse;

/**
 * A request that passed validation, normalised (one list of users, defaults filled in; a template's
 * version fixed, its channels and category the defaults). Its
 * notificationId follows from its client and eventId: a client's retry of an eventId gets the same
 * id without anything being looked up, and every copy of it that reaches fan-out is recorded once;
 * the same eventId from another client is another notification. {@code channels} and
 * {@code priority} are null when the request named none: fan-out fills in its category's (or all
 * channels, high), so that intake reads no category and so no database. {@code sendAt} is null
 * for a notification sent at once.
 */
public record ValidNotification(String notificationId, String eventId, List<String> userIds, String category,
        Set<Channel> channels, String title, String body, Map<String, String> data, Priority priority,
        Integer ttlSeconds, String collapseKey, boolean background, TemplateUse template, Instant sendAt) {

    /**
     * The notificationId a client's eventId names (a name-based UUID: the same client and eventId,
     * the same id). {@code eventScope} null is the configured client's (notify.api-keys) and the
     * Kafka intake's namespace, the one every eventId had before clients had keys of their own, so
     * that a retry across an upgrade still meets its first copy.
     */
    public static String idOf(String eventScope, String eventId) {
        String name = eventScope == null ? "notification\n" + eventId
                : "notification\n" + eventScope + "\n" + eventId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String idOf(String eventId) {
        return idOf(null, eventId);
    }
}

package routes.notification;

import java.util.List;
import java.util.Map;
import java.util.Set;
import routes.delivery.Channel;

/** A request that passed validation, normalised (one list of users, defaults filled in). */
public record ValidNotification(String eventId, List<String> userIds, String category, Set<Channel> channels,
        String title, String body, Map<String, String> data, Priority priority, Integer ttlSeconds,
        String collapseKey, boolean background) {}

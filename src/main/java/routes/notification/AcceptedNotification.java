package routes.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import routes.delivery.Channel;
import routes.template.TemplateUse;

/**
 * A validated notification the hub has promised to deliver: what travels on {@code notify.accepted}.
 * Its channels and priority are null when the request named none, until fan-out fills in its
 * category's defaults ({@link #withDefaults}). {@code template}, when set, words it instead of
 * title and body, in the version it was accepted with. {@code sendAt} is when it is to be sent:
 * null for at once; fan-out holds one whose moment is ahead (routes/schedules.yaml).
 */
public record AcceptedNotification(String notificationId, String eventId, List<String> userIds, String category,
        Set<Channel> channels, String title, String body, Map<String, String> data, Priority priority,
        Integer ttlSeconds, String collapseKey, boolean background, TemplateUse template, Instant acceptedAt,
        Instant sendAt) {

    /**
     * The moment after which sending is pointless, or null when the notification never expires: its
     * TTL counts from when it is to be sent.
     */
    public Instant expiresAt() {
        return ttlSeconds == null ? null : (sendAt == null ? acceptedAt : sendAt).plusSeconds(ttlSeconds);
    }

    /**
     * Whether fan-out takes it on its bulk lane (notify.accepted.bulk): it names priority normal or
     * bulk. One that names none takes the urgent lane, whatever its category later makes it.
     */
    public boolean fannedOutInBulk() {
        return priority == Priority.NORMAL || priority == Priority.BULK;
    }

    /** Whether it is to be sent after {@code now}, and so held until then. */
    public boolean isDueAfter(Instant now) {
        return sendAt != null && sendAt.isAfter(now);
    }

    /**
     * The channels and priority it goes with when it named none (fan-out, its category's defaults
     * given).
     */
    public AcceptedNotification withDefaults(Set<Channel> defaultChannels, Priority defaultPriority) {
        return new AcceptedNotification(notificationId, eventId, userIds, category,
                channels == null ? defaultChannels : channels, title, body, data,
                priority == null ? defaultPriority : priority, ttlSeconds, collapseKey, background, template,
                acceptedAt, sendAt);
    }

    /** The same notification to fewer users (the others were erased since it was accepted). */
    public AcceptedNotification to(List<String> users) {
        return new AcceptedNotification(notificationId, eventId, users, category, channels, title, body, data, priority,
                ttlSeconds, collapseKey, background, template, acceptedAt, sendAt);
    }
}

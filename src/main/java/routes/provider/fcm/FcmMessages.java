package routes.provider.fcm;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.WebpushConfig;
import com.google.firebase.messaging.WebpushFcmOptions;
import com.google.firebase.messaging.WebpushNotification;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import routes.delivery.Delivery;
import routes.notification.Priority;

/**
 * The FCM message of a delivery. A delivery does not say whether its token is an Android app's or
 * a browser's, so every message carries both an {@code android} and a {@code webpush} block: FCM
 * applies the one that matches the token.
 */
public final class FcmMessages {

    /** The hub's own data keys, so apps can report opens; callers may not use this namespace. */
    public static final String RESERVED_PREFIX = "notify.";
    public static final String NOTIFICATION_ID = RESERVED_PREFIX + "notificationId";
    public static final String DELIVERY_ID = RESERVED_PREFIX + "deliveryId";
    /** A data value under this key, if an https URL, is what a browser opens on a click. */
    public static final String LINK = "link";

    private FcmMessages() {}

    public static Message message(Delivery delivery, String androidChannelId, Instant now) {
        Long ttlSeconds = delivery.expiresAt() == null ? null
                : Math.max(0, Duration.between(now, delivery.expiresAt()).toSeconds());
        boolean high = delivery.priority() == Priority.HIGH;

        var android = AndroidConfig.builder().setPriority(high ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL);
        var webpush = WebpushConfig.builder().putHeader("Urgency", high ? "high" : "normal");
        if (ttlSeconds != null) {
            android.setTtl(Duration.ofSeconds(ttlSeconds).toMillis());
            webpush.putHeader("TTL", Long.toString(ttlSeconds));
        }
        if (delivery.collapseKey() != null) {
            android.setCollapseKey(delivery.collapseKey());
        }
        if (!delivery.background()) {
            // a shown notification replaces one with the same tag
            String tag = delivery.displayedOnceAs();
            var shown = AndroidNotification.builder().setTag(tag);
            if (androidChannelId != null && !androidChannelId.isBlank()) {
                shown.setChannelId(androidChannelId);
            }
            android.setNotification(shown.build());
            webpush.setNotification(WebpushNotification.builder().setTag(tag).build());
        }
        Map<String, String> data = delivery.data() == null ? Map.of() : delivery.data();
        String link = data.get(LINK);
        if (isHttpsUrl(link)) {
            webpush.setFcmOptions(WebpushFcmOptions.withLink(link));
        }

        var message = Message.builder().setToken(delivery.recipient());
        if (!delivery.background()) {
            // a data-only message reaches the app without showing anything: FCM's background push
            message.setNotification(Notification.builder().setTitle(delivery.title()).setBody(delivery.body()).build());
        }
        return message
                .putAllData(data)
                .putData(NOTIFICATION_ID, delivery.notificationId())
                .putData(DELIVERY_ID, delivery.deliveryId())
                .setAndroidConfig(android.build())
                .setWebpushConfig(webpush.build())
                .build();
    }

    /** FCM refuses these data keys (INVALID_ARGUMENT): "from", "message_type", and google* or gcm*. */
    public static boolean isReservedByFcm(String key) {
        return key.equals("from") || key.equals("message_type") || key.startsWith("google") || key.startsWith("gcm");
    }

    /** FCM takes only https links for web notifications and refuses the message otherwise. */
    public static boolean isHttpsUrl(String link) {
        if (link == null) {
            return false;
        }
        try {
            URI uri = new URI(link);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

package routes.provider.apns;

import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The APNs payload of a notification: alert title and body, sound, the caller's data as custom
 * keys, and the hub's ids under {@code notify} so the app can report opens. Intake uses the same
 * builder to refuse what would exceed APNs' limit, instead of truncating it at send time.
 */
public final class ApnsPayloads {

    /** APNs refuses larger payloads (PayloadTooLarge) for alert and background pushes. */
    public static final int MAX_BYTES = 4096;

    /** Ids are UUIDs: a placeholder of the same length gives intake the exact size. */
    private static final String SAMPLE_ID = "00000000-0000-0000-0000-000000000000";

    private ApnsPayloads() {}

    /** A background push carries content-available and the data only: it wakes the app, shows nothing. */
    public static String payload(String title, String body, Map<String, String> data, boolean background,
            String sound, String notificationId, String deliveryId) {
        var builder = new SimpleApnsPayloadBuilder();
        if (background) {
            builder.setContentAvailable(true);
        } else {
            builder.setAlertTitle(title);
            builder.setAlertBody(body);
            builder.setSound(sound);
        }
        if (data != null) {
            data.forEach(builder::addCustomProperty);
        }
        builder.addCustomProperty("notify", Map.of("notificationId", notificationId, "deliveryId", deliveryId));
        return builder.build();
    }

    /** The size the payload of this content will have, whatever ids it is given later. */
    public static int sizeOf(String title, String body, Map<String, String> data, boolean background) {
        return payload(title, body, data, background, "default", SAMPLE_ID, SAMPLE_ID)
                .getBytes(StandardCharsets.UTF_8).length;
    }
}

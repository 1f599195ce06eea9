package routes.notification;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * HIGH wakes the device now (APNs 10, FCM high); NORMAL lets the platform save battery; BULK is sent
 * as NORMAL and names traffic (newsletters, marketing) that may wait.
 */
public enum Priority {
    HIGH, NORMAL, BULK;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

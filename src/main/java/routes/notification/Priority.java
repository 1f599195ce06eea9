package routes.notification;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** HIGH wakes the device now (APNs 10, FCM high); NORMAL lets the platform save battery. */
public enum Priority {
    HIGH, NORMAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package routes.user;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Everything fan-out needs to know about one user, cached between notifications; {@code zone} the
 * user's time zone, UTC when the profile names none.
 */
public record Recipient(String userId, boolean known, String email, String phone, ZoneId zone, List<Device> devices,
        Preferences preferences) {

    public record Device(String deviceId, Platform platform, String token) {}

    static Recipient unknown(String userId) {
        return new Recipient(userId, false, null, null, ZoneOffset.UTC, List.of(), Preferences.ALLOW_ALL);
    }
}

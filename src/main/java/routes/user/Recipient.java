package routes.user;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Everything fan-out needs to know about one user, cached between notifications; {@code zone} the
 * user's time zone, UTC when the profile names none; {@code locale} (BCP 47, may be null) picks the
 * wording of a template.
 */
public record Recipient(String userId, boolean known, String email, String phone, ZoneId zone, String locale,
        List<Device> devices, Preferences preferences) {

    public record Device(String deviceId, Platform platform, String token) {}

    static Recipient unknown(String userId) {
        return new Recipient(userId, false, null, null, ZoneOffset.UTC, null, List.of(), Preferences.ALLOW_ALL);
    }
}

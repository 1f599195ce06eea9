package routes.user;

import java.util.List;

/**
 * Everything fan-out needs to know about one user, cached between notifications; {@code locale}
 * (BCP 47, may be null) picks the wording of a template.
 */
public record Recipient(String userId, boolean known, String email, String phone, String locale, List<Device> devices,
        Preferences preferences) {

    public record Device(String deviceId, Platform platform, String token) {}

    static Recipient unknown(String userId) {
        return new Recipient(userId, false, null, null, null, List.of(), Preferences.ALLOW_ALL);
    }
}

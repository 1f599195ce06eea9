package routes.user;

import java.time.OffsetDateTime;
import java.util.List;

/** What {@code GET /users/{userId}} shows. */
public record UserView(String userId, String email, String phone, String locale, String timezone,
        List<DeviceView> devices, Preferences preferences, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record DeviceView(String deviceId, Platform platform, String token, boolean active,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
}

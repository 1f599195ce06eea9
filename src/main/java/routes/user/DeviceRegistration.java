package routes.user;

/** Body of {@code POST /users/{userId}/devices}. */
public record DeviceRegistration(Platform platform, String token) {}

package routes.user;

/** Body of {@code PUT /users/{userId}}: contact details, each optional; absent means none. */
public record UserProfile(String email, String phone, String locale, String timezone) {}
